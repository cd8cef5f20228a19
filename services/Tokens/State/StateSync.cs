using Marten;
using Npgsql;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Changes;
using Platform.Tokens.Accounts;
using Platform.Tokens.Clients;
using Platform.Tokens.Introspection;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.State;

/// <summary>Fills the client index and the denylist and keeps them current on this replica.</summary>
public sealed class StateSync(NpgsqlDataSource dataSource, IDocumentStore store, ClientIndex clients, Denylist denylist, TimeProvider clock, ILogger<StateSync> logger)
    : ChangeListener(dataSource, logger)
{
    private volatile bool _loaded;

    public bool IsLoaded => _loaded;

    protected override string Channel => StateChangeNotifier.Channel;

    public override async Task LoadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        clients.ReplaceAll(await session.Query<OAuthClient>().ToListAsync(ct));
        var families = await session.Query<RefreshFamily>().Where(f => f.RevokedAt != null && f.ExpiresAt > now).ToListAsync(ct);
        denylist.ReplaceAll(
            await session.Query<KeyStanding>().ToListAsync(ct),
            await session.Query<RevokedAccessToken>().Where(t => t.ExpiresAt > now).ToListAsync(ct),
            families.Select(f => (f.Id, f.RevokedAt!.Value)),
            await session.Query<AccountStanding>().ToListAsync(ct));
        _loaded = true;
    }

    protected override async Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        foreach (var payload in payloads) await ApplyAsync(session, payload, ct);
    }

    private async Task ApplyAsync(IQuerySession session, string payload, CancellationToken ct)
    {
        var separator = payload.IndexOf(':');
        if (separator <= 0) return;
        var (kind, id) = (payload[..separator], payload[(separator + 1)..]);
        switch (kind)
        {
            case StateChange.Client when Guid.TryParse(id, out var clientId):
                if (await session.LoadAsync<OAuthClient>(clientId, ct) is { } client) clients.Upsert(client);
                else clients.Remove(clientId);
                break;
            case StateChange.Family when Guid.TryParse(id, out var familyId):
                denylist.SetFamily(familyId, (await session.LoadAsync<RefreshFamily>(familyId, ct))?.RevokedAt);
                break;
            case StateChange.Key when Guid.TryParse(id, out var keyId):
                if (await session.LoadAsync<KeyStanding>(keyId, ct) is { } standing) denylist.Set(standing);
                else denylist.ForgetKey(keyId);
                break;
            case StateChange.Account when Guid.TryParse(id, out var accountId):
                if (await session.LoadAsync<AccountStanding>(accountId, ct) is { } account) denylist.Set(account);
                break;
            case StateChange.Token:
                if (await session.LoadAsync<RevokedAccessToken>(id, ct) is { } token) denylist.Set(token);
                else denylist.ForgetToken(id);
                break;
        }
    }
}
