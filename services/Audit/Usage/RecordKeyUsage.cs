using Marten;
using Microsoft.Extensions.Options;
using Platform.Contracts.Audit;
using Platform.Contracts.Keys;
using Wolverine;

namespace Platform.Audit.Usage;

/// <summary>Keeps each key's per-minute usage and judges every report against the key's history.</summary>
public static class RecordKeyUsageHandler
{
    public const string Actor = "audit:anomaly-detection";

    public static async Task<OutgoingMessages> Handle(KeyUsageReported report, IDocumentSession session, IOptions<AnomalyOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var current = KeyUsageMinuteReport.From(report);
        var before = await session.LoadAsync<KeyUsageMinuteReport>(current.Id, ct);
        if (before is not null && before.Count >= current.Count) return []; // redelivered or overtaken by a later report
        session.Store(current);

        var since = report.Minute - options.Value.BaselineWindow;
        var window = await session.Query<KeyUsageMinuteReport>()
            .Where(r => r.KeyId == report.KeyId && r.Minute >= since && r.Minute <= report.Minute).ToListAsync(ct);
        var profile = await session.LoadAsync<KeyUsageProfile>(report.KeyId, ct) ?? new(report.KeyId, report.AccountId, []);
        var (anomalies, ranges) = Detect(current, before, window, profile.KnownRanges, options.Value, clock.GetUtcNow());
        if (ranges.Length != profile.KnownRanges.Length) session.Store(profile with { KnownRanges = ranges });
        if (anomalies.Count == 0) return [];

        var messages = new OutgoingMessages();
        var quarantine = await session.LoadAsync<QuarantinePolicy>(report.AccountId, ct) is { Enabled: true };
        foreach (var anomaly in anomalies)
        {
            messages.Add(anomaly);
            if (quarantine) messages.Add(new QuarantineKey(anomaly.KeyId, anomaly.AccountId, $"quarantined: unusual usage ({anomaly.Kind})", anomaly.EventId));
        }
        return messages;
    }

    /// <summary>
    /// The anomalies <paramref name="current"/> reveals and the key's known ranges afterwards. A spike is
    /// raised once per minute: when this report takes the minute's total over the line, not again after.
    /// </summary>
    public static (IReadOnlyList<UnusualUsageDetected> Anomalies, string[] KnownRanges) Detect(
        KeyUsageMinuteReport current, KeyUsageMinuteReport? before, IEnumerable<KeyUsageMinuteReport> window,
        IReadOnlyCollection<string> known, AnomalyOptions options, DateTimeOffset now)
    {
        var reports = window.Where(r => r.Id != current.Id).Append(current).ToList();
        var total = reports.Where(r => r.Minute == current.Minute).Sum(r => r.Count);
        var earlier = reports.Where(r => r.Minute < current.Minute).GroupBy(r => r.Minute).Select(g => g.Sum(r => r.Count)).ToList();
        var anomalies = new List<UnusualUsageDetected>();

        if (AnomalyRules.Spike(total, earlier, options) is { } baseline &&
            AnomalyRules.Spike(total - current.Count + (before?.Count ?? 0), earlier, options) is null)
            anomalies.Add(Detected(current, UnusualUsageDetected.VolumeSpike, total, baseline, [], now));

        var fresh = AnomalyRules.NewRanges(current.Ips, known);
        if (fresh.Count > 0) anomalies.Add(Detected(current, UnusualUsageDetected.NewIpRange, total, null, fresh, now));

        var ranges = known.Union(current.Ips.Select(AnomalyRules.RangeOf).OfType<string>()).Order().ToArray();
        return (anomalies, ranges);
    }

    private static UnusualUsageDetected Detected(KeyUsageMinuteReport r, string kind, long total, double? baseline, IReadOnlyList<string> ranges, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), r.KeyId, r.AccountId, kind, r.Minute, total, baseline, ranges, r.Ips, Actor, now);
}
