using Marten;
using Npgsql;
using Platform.Keys.ApiKeys;
using Platform.Infrastructure.Changes;

namespace Platform.Keys.Verification;

/// <summary>
/// Fills the <see cref="KeyIndex"/> and keeps it current on this replica (one notification per changed
/// key stream), and tells this replica's revocation feed of each change once the index holds it.
/// </summary>
public sealed class KeyIndexSync(NpgsqlDataSource dataSource, IDocumentStore store, KeyIndex index, ChangeFeed feed, ILogger<KeyIndexSync> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => KeyChangeNotifier.Channel;

    public override async Task LoadAllAsync(CancellationToken ct)
    {
        await using (var session = store.QuerySession()) index.ReplaceAll(await session.Query<ApiKey>().ToListAsync(ct));
        // Streams from before the reload may have missed a change: they end, new ones start from here.
        feed.Open();
        logger.LogInformation("Key index loaded: {Count} keys", index.Count);
    }

    protected override void OnConnectionLost() => feed.CloseAll();

    protected override async Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        var ids = payloads.Select(p => Guid.TryParse(p, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        await using var session = store.QuerySession();
        var found = await session.LoadManyAsync<ApiKey>(ct, ids);
        foreach (var key in found) index.Upsert(key);
        var gone = ids.Except(found.Select(k => k.Id)).ToList();
        foreach (var id in gone) index.Remove(id);
        // Note: after the index, never before: a resource server that re-verifies at once must find the change here.
        feed.Publish([.. found.Select(k => KeyChangesEndpoint.Changed(k.Id, k.Version)), .. gone.Select(id => KeyChangesEndpoint.Changed(id, null))]);
    }
}
