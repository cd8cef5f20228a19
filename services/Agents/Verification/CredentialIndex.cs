using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Platform.Agents.Accounts;
using Platform.Agents.Credentials;
using Platform.Agents.KeyAuthority;
using Platform.Contracts.Keys;

namespace Platform.Agents.Verification;

/// <summary>
/// Live agent credentials by the SHA-256 of their secrets (current, and previous during a refresh's
/// grace), and what is known of their keys and accounts, in memory: the verify hot path reads no database. Kept
/// current by <see cref="CredentialIndexSync"/>.
/// </summary>
public sealed class CredentialIndex
{
    private readonly ConcurrentDictionary<string, AgentCredential> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, AgentCredential> _byId = new();
    private readonly ConcurrentDictionary<Guid, KeyStanding> _keys = new();
    private readonly Lock _writes = new();
    private volatile bool _ready;

    /// <summary>False until the first full load: verifying before it would refuse valid credentials.</summary>
    public bool IsReady => _ready;

    public int Count => _byId.Count;

    /// <summary>The credential whose current or previous secret this is; <paramref name="previous"/> says which.</summary>
    public bool TryFind(string secret, out AgentCredential credential, out bool previous)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        var hex = Convert.ToHexStringLower(hash);
        previous = false;
        if (_byHash.TryGetValue(hex, out var found))
        {
            // Note: looked up by hash, then compared in fixed time, so timing reveals nothing of a stored hash.
            var computed = Encoding.ASCII.GetBytes(hex);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.SecretHash), computed))
            {
                credential = found;
                return true;
            }
            if (found.PreviousSecretHash is { } old && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(old), computed))
            {
                (credential, previous) = (found, true);
                return true;
            }
        }
        credential = null!;
        return false;
    }

    public AgentCredential? Get(Guid id) => _byId.GetValueOrDefault(id);

    public KeyStanding? Key(Guid keyId) => _keys.GetValueOrDefault(keyId);

    public AccountStandings Accounts { get; } = new();

    /// <summary>The account's active credentials this replica holds (a scan: only for the rare suspension).</summary>
    public IEnumerable<AgentCredential> LiveOf(Guid accountId) =>
        _byId.Values.Where(c => c.AccountId == accountId && c.Status == CredentialStatus.Active);

    public void Upsert(AgentCredential credential)
    {
        // Writers take turns (they are rare); readers never wait.
        lock (_writes) UpsertLocked(credential);
    }

    private void UpsertLocked(AgentCredential credential)
    {
        // Expired credentials leave the index; revoked ones stay, so their children see the revocation.
        if (credential.Status == CredentialStatus.Expired)
        {
            RemoveLocked(credential.Id);
            return;
        }
        if (_byId.TryGetValue(credential.Id, out var old))
        {
            // Never older over newer: a read on a miss and a notified reload may finish in either order.
            if (old.Version > credential.Version) return;
            if (old.PreviousSecretHash is { } stale && stale != credential.PreviousSecretHash && stale != credential.SecretHash) _byHash.TryRemove(stale, out _);
            if (old.SecretHash != credential.SecretHash && old.SecretHash != credential.PreviousSecretHash) _byHash.TryRemove(old.SecretHash, out _);
        }
        _byId[credential.Id] = credential;
        _byHash[credential.SecretHash] = credential;
        if (credential.PreviousSecretHash is { } previous) _byHash[previous] = credential;
    }

    public void Remove(Guid id)
    {
        lock (_writes) RemoveLocked(id);
    }

    private void RemoveLocked(Guid id)
    {
        if (!_byId.TryRemove(id, out var old)) return;
        _byHash.TryRemove(old.SecretHash, out _);
        if (old.PreviousSecretHash is { } previous) _byHash.TryRemove(previous, out _);
    }

    /// <summary>
    /// Note: a key's standing comes from two paths (the fast signal and the durable event's document);
    /// the newer version wins, so a late copy of an older change never undoes a newer one.
    /// </summary>
    public void Upsert(KeyStanding key) => _keys.AddOrUpdate(key.Id, key, (_, known) => key.Version >= known.Version ? key : known);

    /// <summary>Applies a fast signal; the standing it produced, or null when it was not news.</summary>
    public KeyStanding? Apply(KeyAuthoritySignal signal)
    {
        while (true)
        {
            var known = _keys.GetValueOrDefault(signal.KeyId);
            if (KeyStanding.After(known, signal) is not { } next) return null;
            if (known is null ? _keys.TryAdd(signal.KeyId, next) : _keys.TryUpdate(signal.KeyId, next, known)) return next;
        }
    }

    public void ReplaceAll(IEnumerable<AgentCredential> credentials, IEnumerable<KeyStanding> keys)
    {
        foreach (var key in keys) Upsert(key);
        var fresh = credentials.ToList();
        foreach (var credential in fresh) Upsert(credential);
        var live = fresh.Select(c => c.Id).ToHashSet();
        foreach (var stale in _byId.Keys.Where(id => !live.Contains(id)).ToList()) Remove(stale);
        _ready = true;
    }
}
