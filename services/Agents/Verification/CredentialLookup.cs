using Marten;
using Platform.Agents.Credentials;
using Platform.Secrets;
using Platform.Infrastructure.Changes;

namespace Platform.Agents.Verification;

/// <summary>
/// Agent credentials as every check here sees them: the in-memory index, and on a miss one bounded read
/// of the credential's snapshot (with its ancestors), so a credential minted, restricted or refreshed on
/// another replica works here as soon as that is acknowledged. A malformed secret is refused before any
/// of it; a hit reads nothing.
/// </summary>
public sealed class CredentialLookup(CredentialIndex index, IDocumentStore store, IndexFallback<AgentCredential> fallback)
{
    public ValueTask<CredentialCheckResult> CheckAsync(string secret, string agentId, DateTimeOffset now, CancellationToken ct)
    {
        var result = CredentialCheck.Check(secret, agentId, index, now);
        return result.IsUnknown ? new(ReadAsync(secret, agentId, result, now, ct)) : new(result);
    }

    private async Task<CredentialCheckResult> ReadAsync(string secret, string agentId, CredentialCheckResult unknown, DateTimeOffset now, CancellationToken ct)
    {
        // Note: by the hash, as the index is; the secret itself is never a cache key or a query parameter.
        var hash = SecretFormat.Hash(secret);
        var read = await fallback.ReadAsync(hash, async t =>
        {
            await using var session = store.QuerySession();
            var found = await session.Query<AgentCredential>().FirstOrDefaultAsync(c => c.SecretHash == hash || c.PreviousSecretHash == hash, t);
            if (found is null) return null;
            // Its ancestors too: a parent restricted a moment ago on the same replica is as new as its child.
            foreach (var ancestor in found.Lineage.Length > 0 ? await session.LoadManyAsync<AgentCredential>(t, found.Lineage) : []) index.Upsert(ancestor);
            return found;
        }, ct);
        if (read.Unavailable) return CredentialCheck.Unavailable;
        if (read.Value is not { } credential) return unknown;
        index.Upsert(credential);
        return CredentialCheck.NameExpired(CredentialCheck.Check(secret, agentId, index, now), credential);
    }
}
