namespace Platform.Infrastructure.Http;

/// <summary>The <c>from</c>/<c>to</c> query of the usage reports: [from, to), the last hour by default, at most 31 days.</summary>
public static class TimeRange
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    public static (DateTimeOffset Start, DateTimeOffset End, string? Problem) Parse(string? from, string? to, DateTimeOffset now)
    {
        var end = now;
        var start = now.AddHours(-1);
        if (to is not null && !DateTimeOffset.TryParse(to, out end)) return (start, end, "to must be an ISO 8601 instant");
        if (from is not null && !DateTimeOffset.TryParse(from, out start)) return (start, end, "from must be an ISO 8601 instant");
        if (from is null) start = end.AddHours(-1);
        if (start >= end || end - start > MaxSpan) return (start, end, "from must be before to, at most 31 days apart");
        return (start, end, null);
    }
}
