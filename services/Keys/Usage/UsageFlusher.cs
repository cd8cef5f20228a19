using Marten;
using Platform.Contracts.Keys;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Platform.Keys.Usage;

/// <summary>
/// Every few seconds, adds what <see cref="UsageRecorder"/> counted to this replica's per-minute rows,
/// and reports each changed row to Audit (through the outbox: the report commits with the row).
/// </summary>
public sealed class UsageFlusher(UsageRecorder recorder, IDocumentStore store, IWolverineRuntime messaging, ILogger<UsageFlusher> logger, IConfiguration configuration) : BackgroundService
{
    private readonly string _replica = Guid.NewGuid().ToString("N")[..12];

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var interval = configuration.GetValue("Keys:Usage:FlushInterval", TimeSpan.FromSeconds(5));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(ct)) await FlushAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await FlushAsync(ct); // what was counted since the last tick is not lost on a graceful stop
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var drained = recorder.Drain();
        if (drained.Count == 0) return;
        try
        {
            await using var session = store.LightweightSession();
            var outbox = new MartenOutbox(messaging, session);
            var ids = drained.Keys.Select(k => KeyUsageMinute.IdFor(k.Key, k.Minute, _replica)).ToArray();
            var existing = (await session.LoadManyAsync<KeyUsageMinute>(ct, ids)).ToDictionary(m => m.Id);
            foreach (var ((key, minute), bucket) in drained)
            {
                var id = KeyUsageMinute.IdFor(key, minute, _replica);
                existing.TryGetValue(id, out var before);
                var row = Merge(id, key, minute, bucket, before);
                session.Store(row);
                await outbox.PublishAsync(Report(row, _replica));
            }
            await session.SaveChangesAsync(ct);
        }
        // A host shutting down can refuse the outbox too; a failed flush must never stop the service.
        catch (Exception e) when (e is Npgsql.NpgsqlException or Marten.Exceptions.MartenCommandException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogWarning("Usage flush failed ({Reason}); {Count} key-minutes dropped", e.Message, drained.Count);
        }
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
