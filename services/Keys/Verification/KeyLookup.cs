using Marten;
using Platform.Keys.ApiKeys;
using Platform.Secrets;
using Platform.Infrastructure.Changes;

namespace Platform.Keys.Verification;

/// <summary>
/// Keys as every check here sees them: the in-memory index, and on a miss one bounded read of the key's
/// snapshot, so a key works on every replica as soon as its creation is acknowledged, before this replica's
/// notification arrives. A malformed secret is refused before any of it; a hit reads nothing.
/// </summary>
public sealed class KeyLookup(KeyIndex index, IDocumentStore store, IndexFallback<ApiKey> fallback)
{
    public ValueTask<KeyCheckResult> CheckAsync(string secret, DateTimeOffset now, CancellationToken ct)
    {
        var result = KeyCheck.Check(secret, index, now);
        return result.IsUnknown ? new(ReadAsync(secret, result, now, ct)) : new(result);
    }

    /// <summary>The key an access token was exchanged for.</summary>
    public async ValueTask<IndexRead<ApiKey>> FindAsync(Guid keyId, CancellationToken ct)
    {
        if (index.Find(keyId) is { } known) return new(known, false);
        return Keep(await fallback.ReadAsync($"id:{keyId}", async t =>
        {
            await using var session = store.QuerySession();
            return await session.LoadAsync<ApiKey>(keyId, t);
        }, ct));
    }

    private async Task<KeyCheckResult> ReadAsync(string secret, KeyCheckResult unknown, DateTimeOffset now, CancellationToken ct)
    {
        // Note: by the hash, as the index is; the secret itself is never a cache key or a query parameter.
        var hash = SecretFormat.Hash(secret);
        var read = Keep(await fallback.ReadAsync(hash, async t =>
        {
            await using var session = store.QuerySession();
            return await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.SecretHash == hash, t);
        }, ct));
        if (read.Unavailable) return KeyCheck.Unavailable;
        return read.Value is { } key ? KeyCheck.Judge(key, now) : unknown;
    }

    private IndexRead<ApiKey> Keep(IndexRead<ApiKey> read)
    {
        if (read.Value is { } key) index.Upsert(key);
        return read;
    }
}
