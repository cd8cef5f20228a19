using System.Collections.Concurrent;

namespace Platform.Sdk.ResourceServer.AccessTokens;

/// <summary>
/// What ends a signed, unexpired access token early, as Tokens' feed tells it: its API key stopped, its
/// jti or refresh family revoked, its client disabled, its account suspended. Usable only while the feed is connected.
/// Where Tokens versions a change (a key's or an account's standing), an older change heard late never undoes a newer one.
/// </summary>
public sealed class TokenDenylist
{
    private readonly ConcurrentDictionary<string, byte> _denied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private volatile bool _live;

    public bool IsLive => _live;

    public int Count => _denied.Count;

    /// <summary>Why an access token is refused while unexpired: not known to be live, or live and ended.</summary>
    public const string UnavailableMessage = "Token revocation state is unavailable; retry shortly", RevokedMessage = "Bearer token has been revoked";
    public const string SuspendedMessage = "Bearer token's account is suspended";

    public bool Denies(string kind, string? id) => id is not null && _denied.ContainsKey($"{kind}:{id}");

    /// <summary>
    /// Whether an access token with these claims has been ended: its jti, API key, sign-in (fid) or client, or its
    /// account (<c>account_id</c>) is suspended. A suspension ends a token only until the account is reinstated.
    /// </summary>
    public bool Ends(string? jti, string? keyId, string? familyId, string? clientId, string? accountId) =>
        Denies(AccessTokenVerifier.TokenRevoked, jti) || Denies(AccessTokenVerifier.KeyStopped, keyId) ||
        Denies(AccessTokenVerifier.FamilyRevoked, familyId) || Denies(AccessTokenVerifier.ClientDisabled, clientId) ||
        Denies(AccessTokenVerifier.AccountSuspended, accountId);

    /// <summary>What to tell the caller of a token <see cref="Ends"/> refused: its account is suspended, or it was revoked.</summary>
    public string RefusalFor(string? accountId) => Denies(AccessTokenVerifier.AccountSuspended, accountId) ? SuspendedMessage : RevokedMessage;

    public void Deny(string kind, string id, long? version = null)
    {
        if (IsNews(kind, id, version)) _denied[$"{kind}:{id}"] = 0;
    }

    public void Allow(string kind, string id, long? version = null)
    {
        if (IsNews(kind, id, version)) _denied.TryRemove($"{kind}:{id}", out _);
    }

    /// <summary>Note: versions outlive reconnects; they are Tokens' own, true whichever connection brought them.</summary>
    private bool IsNews(string kind, string id, long? version)
    {
        if (version is not { } v) return true;
        var known = _versions.AddOrUpdate($"{kind}:{id}", v, (_, old) => Math.Max(old, v));
        return known == v;
    }

    /// <summary>A (re)connection starts with an empty list, filled by the snapshot before <c>ready</c> makes it live.</summary>
    public void Reset(bool live)
    {
        _live = false;
        if (!live) _denied.Clear();
        _live = live;
    }
}
