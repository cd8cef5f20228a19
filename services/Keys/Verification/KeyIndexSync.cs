using Marten;
using Npgsql;
using Platform.Keys.ApiKeys;
using Platform.ServiceDefaults;

namespace Platform.Keys.Verification;

/// <summary>Fills the <see cref="KeyIndex"/> and keeps it current on this replica (one notification per changed key stream).</summary>
public sealed class KeyIndexSync(NpgsqlDataSource dataSource, IDocumentStore store, KeyIndex index, ILogger<KeyIndexSync> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => KeyChangeNotifier.Channel;

    public override async Task LoadAllAsync(CancellationToken ct)
    {
        await using (var session = store.QuerySession()) index.ReplaceAll(await session.Query<ApiKey>().ToListAsync(ct));
        logger.LogInformation("Key index loaded: {Count} keys", index.Count);
    }

    protected override async Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        var ids = payloads.Select(p => Guid.TryParse(p, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        await using var session = store.QuerySession();
        var found = await session.LoadManyAsync<ApiKey>(ct, ids);
        foreach (var key in found) index.Upsert(key);
        foreach (var gone in ids.Except(found.Select(k => k.Id))) index.Remove(gone);
    }
}
