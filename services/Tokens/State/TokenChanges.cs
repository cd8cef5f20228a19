using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Changes;
using Platform.Tokens.Access;
using Platform.Tokens.Accounts;
using Platform.Tokens.Clients;
using Platform.Tokens.Introspection;
using Platform.Tokens.Refresh;
using Wolverine.Http;

namespace Platform.Tokens.State;

/// <summary>
/// The revocation feed for resource servers that validate access tokens locally (docs/sdk.md): a
/// snapshot of what ends a token early, then each change as it commits. Unlike Keys' feed each event
/// says which way it went, because a resource server keeps a denylist rather than a cache to evict.
/// </summary>
public static class TokenChangesEndpoint
{
    public const string KeyStopped = "key-stopped", KeyLive = "key-live";
    public const string TokenRevoked = "token-revoked";
    public const string FamilyRevoked = "family-revoked", FamilyLive = "family-live";
    public const string ClientDisabled = "client-disabled", ClientLive = "client-live";
    public const string AccountSuspended = "account-suspended", AccountLive = "account-live";

    /// <summary>A key's standing as resource servers hear it, with its version so a late, older one never wins.</summary>
    public static FeedEvent KeyChanged(KeyStanding standing) =>
        new(standing.State == KeyState.Active ? KeyLive : KeyStopped, standing.Id.ToString(), standing.Version);

    /// <summary>An account's standing, with the account stream's version in Keys: a late reinstatement never lifts a newer suspension.</summary>
    public static FeedEvent AccountChanged(AccountStanding standing) =>
        new(standing.Suspended ? AccountSuspended : AccountLive, standing.Id.ToString(), standing.Version);

    public static IServiceCollection AddTokenChangeFeed(this IServiceCollection services) =>
        services.AddChangeFeed(StateChangeNotifier.Channel, async (sp, payloads, ct) =>
        {
            await using var session = sp.GetRequiredService<IDocumentStore>().QuerySession();
            var events = new List<FeedEvent>();
            foreach (var payload in payloads)
                if (await TranslateAsync(session, payload, ct) is { } e) events.Add(e);
            return events;
        });

    /// <summary>Note: names keys, tokens and clients of every account, so a key with feeds:read (or keys:manage, admin) is needed.</summary>
    [WolverineGet("/oauth/changes")]
    [Authorize(Policy = ManagementPolicy.FeedReader)]
    public static ChangeStream Get(ChangeFeed feed, IDocumentStore store, Denylist denylist, TimeProvider clock) =>
        new ChangeStream(feed, ct => SnapshotAsync(store, denylist, clock.GetUtcNow(), ct));

    private static async Task<IEnumerable<FeedEvent>> SnapshotAsync(IDocumentStore store, Denylist denylist, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var keys = await session.Query<KeyStanding>().Where(k => k.State != KeyState.Active).ToListAsync(ct);
        var tokens = await session.Query<RevokedAccessToken>().Where(t => t.ExpiresAt > now).Select(t => t.Id).ToListAsync(ct);
        var families = await session.Query<RefreshFamily>().Where(f => f.RevokedAt != null && f.ExpiresAt > now).Select(f => f.Id).ToListAsync(ct);
        var clients = await session.Query<OAuthClient>().Where(c => c.Status == ClientStatus.Disabled).Select(c => c.Id).ToListAsync(ct);
        var accounts = await session.Query<AccountStanding>().ToListAsync(ct);
        return [
            .. keys.Select(KeyChanged),
            .. tokens.Select(jti => new FeedEvent(TokenRevoked, jti)),
            .. families.Select(id => new FeedEvent(FamilyRevoked, id.ToString())),
            .. clients.Select(id => new FeedEvent(ClientDisabled, id.ToString())),
            .. SuspendedAccounts(accounts, denylist.Accounts).Select(AccountChanged),
        ];
    }

    /// <summary>
    /// The documents, and what Keys' fast signal told this replica before they caught up (already published, so a
    /// subscriber arriving in between hears it only here); per account the newer version wins.
    /// </summary>
    public static IEnumerable<AccountStanding> SuspendedAccounts(IEnumerable<AccountStanding> documents, IEnumerable<AccountStanding> memory) =>
        documents.Concat(memory).GroupBy(a => a.Id).Select(g => g.Aggregate(AccountStanding.Newer)).Where(a => a.Suspended);

    private static async Task<FeedEvent?> TranslateAsync(IQuerySession session, string payload, CancellationToken ct)
    {
        var separator = payload.IndexOf(':');
        if (separator <= 0) return null;
        var (kind, id) = (payload[..separator], payload[(separator + 1)..]);
        switch (kind)
        {
            case StateChange.Key when Guid.TryParse(id, out var keyId):
                var standing = await session.LoadAsync<KeyStanding>(keyId, ct);
                return standing is null ? new FeedEvent(KeyLive, id) : KeyChanged(standing);
            case StateChange.Account when Guid.TryParse(id, out var accountId):
                return await session.LoadAsync<AccountStanding>(accountId, ct) is { } account ? AccountChanged(account) : null;
            case StateChange.Token:
                return await session.LoadAsync<RevokedAccessToken>(id, ct) is null ? null : new FeedEvent(TokenRevoked, id);
            case StateChange.Family when Guid.TryParse(id, out var familyId):
                var family = await session.LoadAsync<RefreshFamily>(familyId, ct);
                return new FeedEvent(family?.RevokedAt is null ? FamilyLive : FamilyRevoked, id);
            case StateChange.Client when Guid.TryParse(id, out var clientId):
                var client = await session.LoadAsync<OAuthClient>(clientId, ct);
                return new FeedEvent(client?.Status == ClientStatus.Disabled ? ClientDisabled : ClientLive, id);
            default:
                return null;
        }
    }
}
