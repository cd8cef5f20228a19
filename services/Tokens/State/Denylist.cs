using System.Collections.Concurrent;
using Platform.Contracts.Accounts;
using Platform.Contracts.Keys;
using Platform.Tokens.Accounts;
using Platform.Tokens.Introspection;

namespace Platform.Tokens.State;

/// <summary>
/// What ends a signed, unexpired access token before its <c>exp</c>, in this replica's memory: its API
/// key stopped, its refresh family was revoked, the token itself was revoked (RFC 7009), or its account is
/// suspended (every account's standing is here, operator or not: accounts are few).
/// </summary>
public sealed class Denylist
{
    private volatile ConcurrentDictionary<Guid, KeyStanding> _keys = new();
    private volatile ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private volatile ConcurrentDictionary<Guid, DateTimeOffset> _families = new();
    private volatile ConcurrentDictionary<Guid, AccountStanding> _accounts = new();

    public KeyStanding? Key(Guid keyId) => _keys.GetValueOrDefault(keyId);

    public bool IsTokenRevoked(string jti) => _tokens.ContainsKey(jti);

    public bool IsFamilyRevoked(Guid familyId) => _families.ContainsKey(familyId);

    /// <summary>
    /// Note: a key's standing comes from two paths (the fast signal and the durable event's document);
    /// the newer version wins, so a late copy of an older change never undoes a newer one.
    /// </summary>
    public void Set(KeyStanding standing) =>
        _keys.AddOrUpdate(standing.Id, standing, (_, known) => standing.Version >= known.Version ? standing : known);

    /// <summary>Applies a fast signal; the standing it produced, or null when it was not news.</summary>
    public KeyStanding? Apply(KeyAuthoritySignal signal)
    {
        var keys = _keys;
        while (true)
        {
            var known = keys.GetValueOrDefault(signal.KeyId);
            if (KeyStanding.After(known, signal) is not { } next) return null;
            if (known is null ? keys.TryAdd(signal.KeyId, next) : keys.TryUpdate(signal.KeyId, next, known)) return next;
        }
    }

    public AccountStanding? Account(Guid accountId) => _accounts.GetValueOrDefault(accountId);

    public bool IsSuspended(Guid accountId) => _accounts.TryGetValue(accountId, out var account) && account.Suspended;

    public IReadOnlyCollection<AccountStanding> Accounts => [.. _accounts.Values];

    /// <summary>As a key's: the fast signal and the durable event's document both arrive; the newer version wins.</summary>
    public void Set(AccountStanding standing) =>
        _accounts.AddOrUpdate(standing.Id, standing, (_, known) => AccountStanding.Newer(known, standing));

    /// <summary>Applies Keys' fast signal; the standing it produced, or null when it was not news.</summary>
    public AccountStanding? Apply(AccountStandingSignal signal)
    {
        var accounts = _accounts;
        while (true)
        {
            var known = accounts.GetValueOrDefault(signal.AccountId);
            if (AccountStanding.After(known, signal.AccountId, signal.Suspended, signal.Version) is not { } next) return null;
            if (known is null ? accounts.TryAdd(signal.AccountId, next) : accounts.TryUpdate(signal.AccountId, next, known)) return next;
        }
    }

    public void ForgetKey(Guid keyId) => _keys.TryRemove(keyId, out _);

    public void Set(RevokedAccessToken token) => _tokens[token.Id] = token.ExpiresAt;

    public void ForgetToken(string jti) => _tokens.TryRemove(jti, out _);

    /// <summary>A revoked token past its <c>exp</c> is refused for being expired anyway.</summary>
    public void ForgetExpiredTokens(DateTimeOffset now)
    {
        foreach (var (jti, expiresAt) in _tokens)
            if (expiresAt < now) _tokens.TryRemove(jti, out _);
    }

    /// <summary>
    /// A family's revocation is final, so a notification read just before it committed (a rotation's, say)
    /// must not take back what this replica applied when it answered the revocation.
    /// </summary>
    public void SetFamily(Guid familyId, DateTimeOffset? revokedAt)
    {
        if (revokedAt is { } at) _families[familyId] = at;
    }

    /// <summary>Swaps in a full reload at once: no moment in which a revoked token would pass.</summary>
    public void ReplaceAll(IEnumerable<KeyStanding> keys, IEnumerable<RevokedAccessToken> tokens, IEnumerable<(Guid Id, DateTimeOffset RevokedAt)> families,
        IEnumerable<AccountStanding> accounts)
    {
        // Signals heard before the reload may be newer than the documents it read: they stay.
        var fresh = new ConcurrentDictionary<Guid, KeyStanding>(keys.Select(k => KeyValuePair.Create(k.Id, k)));
        foreach (var (id, known) in _keys) fresh.AddOrUpdate(id, known, (_, loaded) => known.Version > loaded.Version ? known : loaded);
        _keys = fresh;
        var merged = new ConcurrentDictionary<Guid, AccountStanding>(accounts.Select(a => KeyValuePair.Create(a.Id, a)));
        foreach (var (id, known) in _accounts) merged.AddOrUpdate(id, known, (_, document) => AccountStanding.Newer(known, document));
        _accounts = merged;
        _tokens = new(tokens.Select(t => KeyValuePair.Create(t.Id, t.ExpiresAt)));
        _families = new(families.Select(f => KeyValuePair.Create(f.Id, f.RevokedAt)));
    }
}
