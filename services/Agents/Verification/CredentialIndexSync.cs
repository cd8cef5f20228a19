using Marten;
using Npgsql;
using Platform.Agents.Credentials;
using Platform.Agents.KeyAuthority;
using Platform.ServiceDefaults;

namespace Platform.Agents.Verification;

/// <summary>Fills the <see cref="CredentialIndex"/> and keeps it current on this replica (credentials and key standings).</summary>
public sealed class CredentialIndexSync(NpgsqlDataSource dataSource, IDocumentStore store, CredentialIndex index, TimeProvider clock, ILogger<CredentialIndexSync> logger)
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
            index.ReplaceAll(live, await session.Query<KeyStanding>().ToListAsync(ct));
        }
        logger.LogInformation("Agent credential index loaded: {Count} credentials", index.Count);
    }

    /// <summary>Payloads are <c>c:&lt;id&gt;</c> (credential) or <c>k:&lt;id&gt;</c> (key standing): two reads per batch.</summary>
    protected override async Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        var (credentials, keys) = (new HashSet<Guid>(), new HashSet<Guid>());
        foreach (var payload in payloads)
        {
            if (payload.Length < 3 || !Guid.TryParse(payload.AsSpan(2), out var id)) continue;
            (payload[0] == 'k' ? keys : credentials).Add(id);
        }
        await using var session = store.QuerySession();
        if (keys.Count > 0)
            foreach (var key in await session.LoadManyAsync<KeyStanding>(ct, keys)) index.Upsert(key);
        if (credentials.Count == 0) return;
        var found = await session.LoadManyAsync<AgentCredential>(ct, credentials);
        foreach (var credential in found) index.Upsert(credential);
        foreach (var gone in credentials.Except(found.Select(c => c.Id))) index.Remove(gone);
    }
}
