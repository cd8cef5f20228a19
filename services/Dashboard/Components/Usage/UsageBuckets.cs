using Platform.Sdk.Client.Keys;

namespace Platform.Dashboard.Components.Usage;

public sealed record UsageRange(string Name, string Label, TimeSpan Span, TimeSpan Bucket)
{
    public static readonly UsageRange Hour = new("hour", "Last hour", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
    public static readonly UsageRange Day = new("day", "Last day", TimeSpan.FromDays(1), TimeSpan.FromMinutes(30));
    public static readonly UsageRange Week = new("week", "Last week", TimeSpan.FromDays(7), TimeSpan.FromHours(3));
    public static readonly IReadOnlyList<UsageRange> All = [Hour, Day, Week];

    public static UsageRange Named(string? name) => All.FirstOrDefault(r => r.Name == name) ?? Hour;
}

public sealed record UsageBucket(DateTimeOffset Start, long Count);

/// <summary>Per-minute counts folded into the chart's bars; minutes with no requests are bars of zero.</summary>
public static class UsageBuckets
{
    public static IReadOnlyList<UsageBucket> Fold(IEnumerable<UsagePoint> minutes, UsageRange range, DateTimeOffset now)
    {
        var bucketTicks = range.Bucket.Ticks;
        var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % bucketTicks, TimeSpan.Zero).Add(range.Bucket);
        var start = end - range.Span;
        var count = (int)(range.Span.Ticks / bucketTicks);
        var totals = new long[count];
        foreach (var minute in minutes)
        {
            var index = (int)((minute.Minute.UtcTicks - start.UtcTicks) / bucketTicks);
            if (index >= 0 && index < count) totals[index] += minute.Count;
        }
        return [.. totals.Select((total, i) => new UsageBucket(start.AddTicks(i * bucketTicks), total))];
    }
}
