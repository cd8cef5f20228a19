using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts.Keys;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Signing;
using Platform.Tokens.State;

namespace Platform.Tokens.Introspection;

/// <summary>A valid, live access token, with the scopes it may still use (narrowed if its key lost some).</summary>
public sealed record LiveToken(JsonWebToken Jwt, IReadOnlyList<string> Scopes);

/// <summary>
/// Checks our own access tokens strictly: ES256 only (no <c>none</c>, no HMAC confusion), <c>typ</c>
/// at+jwt, a published <c>kid</c>, issuer, audience and lifetime; then whether anything ended it early.
/// </summary>
/// <remarks>
/// Note: a token's signature, header, issuer and audience never change, so a token that passed them is
/// remembered (by a hash, never the token itself) and its next introspection costs no signature check;
/// the signature was most of introspection's cost. The memory belongs to one set of published keys:
/// when the ring changes (a key withdrawn) every remembered token is checked again. Lifetime and
/// everything that can end a token early are judged on every call. Only successes are remembered, so
/// forged tokens cannot fill it.
/// </remarks>
public sealed class AccessTokenValidator(SigningKeyRing ring, IOptions<TokensOptions> options, Denylist denylist, ClientIndex clients, TimeProvider clock)
{
    private const int Capacity = 100_000;
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);

    /// <summary>A token that passed every check but its lifetime, under this set of published keys.</summary>
    private sealed record Verified(JsonWebToken Jwt, IReadOnlyList<LoadedSigningKey> Keys);

    /// <summary>The live token, or null. A null <paramref name="issuer"/> skips the issuer check (the management APIs: the signature says who issued it).</summary>
    public async Task<LiveToken?> ValidateAsync(string token, string? issuer)
    {
        if (await SignedAsync(token, issuer) is not { } jwt) return null;
        if (denylist.IsTokenRevoked(jwt.Id)) return null;
        // A suspended account's tokens are refused until it is reinstated; then, if unexpired, they work again.
        if (Guid.TryParse(Claim(jwt, TokenClaims.AccountId), out var accountId) && denylist.IsSuspended(accountId)) return null;
        if (Guid.TryParse(Claim(jwt, TokenClaims.FamilyId), out var familyId) && denylist.IsFamilyRevoked(familyId)) return null;
        if (clients.TryFind(Claim(jwt, TokenClaims.ClientId), out var client) && client.Status != ClientStatus.Active) return null;
        var scopes = Claim(jwt, TokenClaims.Scope)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!Guid.TryParse(Claim(jwt, TokenClaims.KeyId), out var keyId)) return new LiveToken(jwt, scopes);

        // Exchanged for an API key: only while the key works, and only with scopes it still holds.
        var standing = denylist.Key(keyId);
        if (standing is { State: not KeyState.Active }) return null;
        return new LiveToken(jwt, standing?.Scopes is { } now ? scopes.Where(now.Contains).ToList() : scopes);
    }

    private async ValueTask<JsonWebToken?> SignedAsync(string token, string? issuer)
    {
        var keys = ring.Published;
        var fingerprint = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{token}")));
        if (_verified.TryGetValue(fingerprint, out var known) && ReferenceEquals(known.Keys, keys))
            return InLifetime(known.Jwt) ? known.Jwt : null;

        var result = await Handler.ValidateTokenAsync(token, Parameters(issuer, keys));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        // Bounded: tokens live minutes, so starting over when full costs one signature check each.
        if (_verified.Count >= Capacity) _verified.Clear();
        _verified[fingerprint] = new Verified(jwt, keys);
        return jwt;
    }

    /// <summary>Signature, header and time checks only; nothing about denylists. Used by revocation.</summary>
    public async Task<JsonWebToken?> ReadSignedAsync(string token, string issuer)
    {
        var result = await Handler.ValidateTokenAsync(token, Parameters(issuer, ring.Published));
        return result.IsValid ? result.SecurityToken as JsonWebToken : null;
    }

    private TokenValidationParameters Parameters(string? issuer, IReadOnlyList<LoadedSigningKey> keys) => new()
    {
        ValidateIssuer = issuer is not null,
        ValidIssuer = issuer,
        ValidAudiences = [options.Value.Audience, .. options.Value.Resources],
        IssuerSigningKeys = keys.Select(k => (SecurityKey)k.Public),
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SigningKeyRing.Algorithm],
        ValidTypes = [TokenClaims.AccessTokenType],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = options.Value.ClockSkew,
        // Our clock, not the machine's: the same instant that stamped iat/exp judges them.
        LifetimeValidator = (notBefore, expires, _, _) => InLifetime(notBefore, expires),
    };

    private bool InLifetime(JsonWebToken jwt) =>
        InLifetime(jwt.TryGetPayloadValue<long>("nbf", out _) ? jwt.ValidFrom : null, jwt.ValidTo);

    private bool InLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var skew = options.Value.ClockSkew;
        return expires is { } exp && exp != DateTime.MinValue && now < exp + skew && (notBefore is not { } nbf || now >= nbf - skew);
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
