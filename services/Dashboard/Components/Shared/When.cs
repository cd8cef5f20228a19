namespace Platform.Dashboard.Components.Shared;

/// <summary>Instants as people read them: UTC, to the minute, with a relative hint.</summary>
public static class When
{
    public static string Format(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'") : "—";

    public static string Relative(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t) return "never";
        var span = now - t;
        var future = span < TimeSpan.Zero;
        span = span.Duration();
        var text = span.TotalSeconds < 60 ? "moments"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h"
            : $"{(int)span.TotalDays} days";
        return text == "moments" ? (future ? "in moments" : "just now") : future ? $"in {text}" : $"{text} ago";
    }
}
