using System.Globalization;

namespace Platform.Dashboard.Components.Shared;

/// <summary>
/// Instants and spans as people read them: "5 Dec 2026, 14:03 UTC", "3 days ago", "in 72 years", never a raw
/// count of days. The exact instant goes in a title (<see cref="Exact"/>) for whoever needs the second.
/// </summary>
public static class When
{
    public static string Format(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>To the second, ISO 8601: for hover text and copying.</summary>
    public static string Exact(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    public static string Relative(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t) return "never";
        var span = now - t;
        if (span.Duration() < TimeSpan.FromMinutes(1)) return span < TimeSpan.Zero ? "in moments" : "just now";
        return span < TimeSpan.Zero ? $"in {Span(span.Duration())}" : $"{Span(span)} ago";
    }

    /// <summary>A length of time in its largest sensible unit: "45 s", "12 min", "5 h", "3 days", "4 months", "72 years".</summary>
    public static string Span(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalMinutes < 1 ? $"{(int)span.TotalSeconds} s"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h"
            : span.TotalDays < 60 ? Count((int)span.TotalDays, "day")
            : span.TotalDays < 730 ? Count((int)Math.Round(span.TotalDays / 30.44), "month")
            : Count((int)Math.Round(span.TotalDays / 365.25), "year");
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
