using Marten;
using Platform.Infrastructure.Changes;
using Platform.Infrastructure.Persistence;
using Platform.Contracts.Keys;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Platform.Keys.Usage;

/// <summary>
/// Every few seconds, adds what <see cref="UsageRecorder"/> counted to this replica's per-minute rows, reports
/// each row with new admitted use to Audit (through the outbox: the report commits with the row), and
/// announces the keys on the usage feed (the notification, too, is sent at the commit).
/// </summary>
public sealed class UsageFlusher(UsageRecorder recorder, UsageFeed feed, IDocumentStore store, IWolverineRuntime messaging, ILogger<UsageFlusher> logger, IConfiguration configuration)
    : PeriodicFlusher(configuration, "Keys:Usage:FlushInterval", logger)
{
    public const string Channel = "keys_usage";

    protected override async Task FlushOnceAsync(Action<int> batchSize, CancellationToken ct)
    {
        var drained = recorder.Drain();
        batchSize(drained.Count);
        if (drained.Count == 0) return;
        await using var session = store.LightweightSession();
        var outbox = new MartenOutbox(messaging, session);
        var ids = drained.Keys.Select(k => KeyUsageMinute.IdFor(k.Key, k.Minute, Replica)).ToArray();
        var existing = (await session.LoadManyAsync<KeyUsageMinute>(ct, ids)).ToDictionary(m => m.Id);
        foreach (var ((key, minute), bucket) in drained)
        {
            var id = KeyUsageMinute.IdFor(key, minute, Replica);
            existing.TryGetValue(id, out var before);
            var row = Merge(id, key, minute, bucket, before);
            session.Store(row);
            // Audit judges admitted use (baselines, new addresses, use after revocation): refusals alone are not reported.
            if (bucket.Count > 0 && row.LastUsedAt is { } last) await outbox.PublishAsync(Report(row, last, Replica));
        }
        feed.Announce(session, drained.Select(d => (d.Value.AccountId, d.Key.Key)));
        await session.SaveChangesAsync(ct);
    }

    public static KeyUsageReported Report(KeyUsageMinute row, DateTimeOffset lastUsedAt, string replica) =>
        new(Guid.CreateVersion7(), row.KeyId, row.AccountId, replica, row.Minute, row.Count, lastUsedAt, row.Ips, "system", DateTimeOffset.UtcNow);

    public static KeyUsageMinute Merge(string id, Guid key, long minute, UsageBucket bucket, KeyUsageMinute? before)
    {
        var latest = bucket.LastUsedAt is { } used && (before?.LastUsedAt is not { } seen || used >= seen);
        return new(id, key, bucket.AccountId, DateTimeOffset.FromUnixTimeSeconds(minute * 60),
            (before?.Count ?? 0) + bucket.Count,
            latest ? bucket.LastUsedAt : before?.LastUsedAt,
            latest ? bucket.LastIp ?? before?.LastIp : before?.LastIp,
            [.. (before?.Ips ?? []).Union(bucket.Ips).Take(20)])
        {
            Refused = (before?.Refused ?? KeyRefusals.None) + bucket.Refused,
        };
    }
}
