using Platform.Sdk.Client.Agents;
using Platform.Sdk.Client.Keys;

namespace Platform.Dashboard.Components.Usage;

public sealed record UsageRange(string Name, string Label, TimeSpan Span, TimeSpan Bucket)
{
    public static readonly UsageRange Hour = new("hour", "Last hour", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
    public static readonly UsageRange Day = new("day", "Last day", TimeSpan.FromDays(1), TimeSpan.FromMinutes(30));
    public static readonly UsageRange Week = new("week", "Last week", TimeSpan.FromDays(7), TimeSpan.FromHours(3));
    public static readonly IReadOnlyList<UsageRange> All = [Hour, Day, Week];

    /// <summary>The period's start and end, whole buckets, the current one last.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Bucket.Ticks, TimeSpan.Zero).Add(Bucket);
        return (end - Span, end);
    }
}

/// <summary>One reported bucket: admitted requests and refused ones by reason (as people read them).</summary>
public sealed record UsageSample(DateTimeOffset Start, long Allowed, IReadOnlyList<(string Reason, long Count)> Refused);

/// <summary>One bar of a chart: allowed below, refused stacked on top, with the refusals' reasons for its tooltip.</summary>
public sealed record UsageBar(DateTimeOffset Start, long Allowed, long Refused, IReadOnlyDictionary<string, long> Reasons)
{
    public long Total => Allowed + Refused;
}

/// <summary>Reported buckets folded into the chart's bars; buckets with nothing reported are bars of zero.</summary>
public static class UsageBuckets
{
    public static IReadOnlyList<UsageBar> Fold(IEnumerable<UsageSample> samples, UsageRange range, DateTimeOffset now)
    {
        var (start, _) = range.Window(now);
        var ticks = range.Bucket.Ticks;
        var count = (int)(range.Span.Ticks / ticks);
        var allowed = new long[count];
        var reasons = new Dictionary<string, long>[count];
        foreach (var sample in samples)
        {
            var i = (int)((sample.Start.UtcTicks - start.UtcTicks) / ticks);
            if (i < 0 || i >= count) continue;
            allowed[i] += sample.Allowed;
            foreach (var (reason, n) in sample.Refused.Where(r => r.Count > 0))
            {
                var bucket = reasons[i] ??= [];
                bucket[reason] = bucket.GetValueOrDefault(reason) + n;
            }
        }
        return [.. Enumerable.Range(0, count).Select(i => new UsageBar(start.AddTicks(i * ticks), allowed[i],
            reasons[i]?.Values.Sum() ?? 0, reasons[i] ?? (IReadOnlyDictionary<string, long>)EmptyReasons))];
    }

    private static readonly Dictionary<string, long> EmptyReasons = [];

    public static UsageSample Of(UsagePoint p) => new(p.Minute, p.Count, Reasons(p.Refused));

    public static UsageSample Of(CredentialUsagePoint p) => new(p.Minute, p.Allowed, Reasons(p.Refused));

    public static IReadOnlyList<(string Reason, long Count)> Reasons(KeyRefusals r) =>
        [("rate-limited", r.RateLimited), ("scope denied", r.ScopeDenied), ("revoked", r.Revoked), ("suspended", r.Suspended), ("expired", r.Expired)];

    public static IReadOnlyList<(string Reason, long Count)> Reasons(CredentialRefusals r) =>
        [("scope denied", r.ScopeDenied), ("tool denied", r.ToolDenied), ("resource denied", r.ResourceDenied), ("budget spent", r.BudgetSpent),
         ("revoked", r.Revoked), ("expired", r.Expired), ("suspended", r.Suspended), ("wrong agent", r.WrongAgent)];

    /// <summary>"3 rate-limited, 1 scope denied"; "none" when nothing was refused.</summary>
    public static string Describe(IEnumerable<(string Reason, long Count)> refused)
    {
        var parts = refused.Where(r => r.Count > 0).Select(r => $"{r.Count:N0} {r.Reason}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
