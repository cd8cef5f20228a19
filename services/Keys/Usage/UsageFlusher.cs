using Marten;
using Platform.Infrastructure.Persistence;
using Platform.Contracts.Keys;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Platform.Keys.Usage;

/// <summary>
/// Every few seconds, adds what <see cref="UsageRecorder"/> counted to this replica's per-minute rows,
/// and reports each changed row to Audit (through the outbox: the report commits with the row).
/// </summary>
public sealed class UsageFlusher(UsageRecorder recorder, IDocumentStore store, IWolverineRuntime messaging, ILogger<UsageFlusher> logger, IConfiguration configuration)
    : PeriodicFlusher(configuration, "Keys:Usage:FlushInterval", logger)
{
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
            await outbox.PublishAsync(Report(row, Replica));
        }
        await session.SaveChangesAsync(ct);
    }

    public static KeyUsageReported Report(KeyUsageMinute row, string replica) =>
        new(Guid.CreateVersion7(), row.KeyId, row.AccountId, replica, row.Minute, row.Count, row.LastUsedAt, row.Ips, "system", DateTimeOffset.UtcNow);

    public static KeyUsageMinute Merge(string id, Guid key, long minute, UsageBucket bucket, KeyUsageMinute? before)
    {
        var latest = before is null || bucket.LastUsedAt >= before.LastUsedAt;
        return new(id, key, bucket.AccountId, DateTimeOffset.FromUnixTimeSeconds(minute * 60),
            (before?.Count ?? 0) + bucket.Count,
            latest ? bucket.LastUsedAt : before!.LastUsedAt,
            latest ? bucket.LastIp ?? before?.LastIp : before!.LastIp,
            [.. (before?.Ips ?? []).Union(bucket.Ips).Take(20)]);
    }
}
