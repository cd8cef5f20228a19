using Marten;
using Platform.Infrastructure.Persistence;

namespace Platform.Agents.Usage;

/// <summary>Every few seconds, adds what <see cref="VerifyUsageRecorder"/> counted to this replica's per-minute rows.</summary>
public sealed class VerifyUsageFlusher(VerifyUsageRecorder recorder, IDocumentStore store, ILogger<VerifyUsageFlusher> logger, IConfiguration configuration)
    : PeriodicFlusher(configuration, "Agents:Usage:FlushInterval", logger)
{
    protected override async Task FlushOnceAsync(Action<int> batchSize, CancellationToken ct)
    {
        var drained = recorder.Drain();
        batchSize(drained.Count);
        if (drained.Count == 0) return;
        await using var session = store.LightweightSession();
        var ids = drained.Keys.Select(k => CredentialUsageMinute.IdFor(k.Credential, k.Minute, Replica)).ToArray();
        var existing = (await session.LoadManyAsync<CredentialUsageMinute>(ct, ids)).ToDictionary(m => m.Id);
        foreach (var ((credential, minute), bucket) in drained)
        {
            var id = CredentialUsageMinute.IdFor(credential, minute, Replica);
            session.Store(CredentialUsageMinute.Merge(id, credential, minute, bucket, existing.GetValueOrDefault(id)));
        }
        await session.SaveChangesAsync(ct);
    }
}
