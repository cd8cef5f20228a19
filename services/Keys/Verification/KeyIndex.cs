using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// Every key by the SHA-256 of its secret, in memory: a hit on the verify hot path reads no database. Kept
/// current by <see cref="KeyIndexSync"/> from the keys' snapshots, and by <see cref="KeyLookup"/> on a miss.
/// </summary>
public sealed class KeyIndex
{
    private readonly ConcurrentDictionary<string, ApiKey> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, string> _hashById = new();
    private volatile bool _ready;

    /// <summary>False until the first full load: verifying before it would refuse valid keys.</summary>
    public bool IsReady => _ready;

    public int Count => _byHash.Count;

    public bool TryFind(string secret, out ApiKey key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        var hex = Convert.ToHexStringLower(hash);
        // Note: the lookup is by hash, then a fixed-time comparison, so timing reveals nothing of a stored hash.
        if (_byHash.TryGetValue(hex, out var found) &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.SecretHash), Encoding.ASCII.GetBytes(hex)))
        {
            key = found;
            return true;
        }
        key = null!;
        return false;
    }

    /// <summary>The key by id (for an access token exchanged for it), or null.</summary>
    public ApiKey? Find(Guid keyId) => _hashById.TryGetValue(keyId, out var hash) && _byHash.TryGetValue(hash, out var key) ? key : null;

    /// <summary>Never older over newer: a read on a miss and a notified reload may finish in either order.</summary>
    public void Upsert(ApiKey key)
    {
        _byHash.AddOrUpdate(key.SecretHash, static (_, fresh) => fresh, static (_, held, fresh) => fresh.Version >= held.Version ? fresh : held, key);
        _hashById[key.Id] = key.SecretHash;
    }

    public void Remove(Guid keyId)
    {
        if (_hashById.TryRemove(keyId, out var hash)) _byHash.TryRemove(hash, out _);
    }

    public void ReplaceAll(IEnumerable<ApiKey> keys)
    {
        var fresh = keys.ToList();
        foreach (var key in fresh) Upsert(key);
        var live = fresh.Select(k => k.Id).ToHashSet();
        foreach (var stale in _hashById.Keys.Where(id => !live.Contains(id)).ToList()) Remove(stale);
        _ready = true;
    }
}
