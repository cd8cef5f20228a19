using Marten;
using Platform.Infrastructure.Changes;
using Platform.Infrastructure.Persistence;

namespace Platform.Agents.Usage;

/// <summary>
/// Every few seconds, adds what <see cref="VerifyUsageRecorder"/> counted to this replica's per-minute rows, and
/// announces the credentials on the usage feed (the notification is sent at the commit).
/// </summary>
public sealed class VerifyUsageFlusher(VerifyUsageRecorder recorder, UsageFeed feed, IDocumentStore store, ILogger<VerifyUsageFlusher> logger, IConfiguration configuration)
    : PeriodicFlusher(configuration, "Agents:Usage:FlushInterval", logger)
{
    public const string Channel = "agents_usage";

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
        feed.Announce(session, drained.Select(d => (d.Value.AccountId, d.Key.Credential)));
        await session.SaveChangesAsync(ct);
    }
}
