using Marten;
using Marten.Services;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// The replica that commits a change to a key holds it in its index before it answers: a revocation is
/// refused by this replica's very next verify, not only once its own notification comes back. Other
/// replicas follow through <see cref="KeyIndexSync"/>; the index keeps the newer version either way.
/// </summary>
public sealed class AppliedOnCommit(KeyIndex index) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken ct)
    {
        var ids = commit.GetStreams().Where(s => s.AggregateType == typeof(ApiKey)).Select(s => s.Id).Distinct().ToList();
        if (ids.Count == 0) return;
        await using var query = session.DocumentStore.QuerySession();
        foreach (var key in await query.LoadManyAsync<ApiKey>(ct, ids)) index.Upsert(key);
    }
}
