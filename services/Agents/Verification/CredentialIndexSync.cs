using Marten;
using Npgsql;
using Platform.Agents.Accounts;
using Platform.Agents.Credentials;
using Platform.Agents.KeyAuthority;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Changes;

namespace Platform.Agents.Verification;

/// <summary>
/// Fills the <see cref="CredentialIndex"/> and keeps it current on this replica (credentials and key
/// standings), and tells this replica's revocation feed of each change once the index holds it.
/// </summary>
public sealed class CredentialIndexSync(NpgsqlDataSource dataSource, IDocumentStore store, CredentialIndex index, ChangeFeed feed, TimeProvider clock, ILogger<CredentialIndexSync> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => CredentialChangeNotifier.Channel;

    public override async Task LoadAllAsync(CancellationToken ct)
    {
        await using (var session = store.QuerySession())
        {
            // Only credentials that can still verify: expired ones would only grow the index.
            var now = clock.GetUtcNow();
            var live = await session.Query<AgentCredential>().Where(c => c.Status != CredentialStatus.Expired && c.ExpiresAt > now).ToListAsync(ct);
            // Before the index is ready, so a replica starting after an account's suspension never verifies its credentials.
            foreach (var account in await session.Query<AccountStanding>().ToListAsync(ct)) index.Accounts.Apply(account);
            index.ReplaceAll(live, await session.Query<KeyStanding>().ToListAsync(ct));
        }
        // Streams from before the reload may have missed a change: they end, new ones start from here.
        feed.Open();
        logger.LogInformation("Agent credential index loaded: {Count} credentials", index.Count);
    }

    protected override void OnConnectionLost() => feed.CloseAll();

    /// <summary>
    /// Payloads are <c>c:&lt;id&gt;</c> (credential), <c>k:&lt;id&gt;</c> (key standing) or <c>a:&lt;id&gt;</c> (account
    /// standing): at most three reads per batch.
    /// </summary>
    protected override async Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        var (credentials, keys, accounts) = (new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>());
        foreach (var payload in payloads)
        {
            if (payload.Length < 3 || !Guid.TryParse(payload.AsSpan(2), out var id)) continue;
            (payload[0] switch { 'k' => keys, 'a' => accounts, _ => credentials }).Add(id);
        }
        await using var session = store.QuerySession();
        var changes = new List<FeedEvent>();
        // A suspension whose signal this replica missed: its credentials are announced, as the signal would have.
        foreach (var account in accounts.Count > 0 ? await session.LoadManyAsync<AccountStanding>(ct, accounts) : [])
            if (index.Accounts.Apply(account)) changes.AddRange(AccountStandingSignals.Announce(index, account.Id));
        foreach (var key in keys.Count > 0 ? await session.LoadManyAsync<KeyStanding>(ct, keys) : [])
        {
            index.Upsert(key);
            changes.Add(CredentialChangesEndpoint.KeyChanged(key.Id, index.Key(key.Id)?.Version));
        }
        var found = credentials.Count > 0 ? await session.LoadManyAsync<AgentCredential>(ct, credentials) : [];
        foreach (var credential in found) index.Upsert(credential);
        var gone = credentials.Except(found.Select(c => c.Id)).ToList();
        foreach (var id in gone) index.Remove(id);
        // Note: after the index, never before: a resource server that re-verifies at once must find the change here.
        feed.Publish([.. changes, .. found.Select(c => CredentialChangesEndpoint.CredentialChanged(c.Id, c.Version)), .. gone.Select(id => CredentialChangesEndpoint.CredentialChanged(id, null))]);
    }
}
