using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
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
public sealed class AccessTokenValidator(SigningKeyRing ring, IOptions<TokensOptions> options, Denylist denylist, ClientIndex clients, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>The live token, or null. A null <paramref name="issuer"/> skips the issuer check (the management APIs: the signature says who issued it).</summary>
    public async Task<LiveToken?> ValidateAsync(string token, string? issuer)
    {
        var result = await Handler.ValidateTokenAsync(token, Parameters(issuer));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        if (denylist.IsTokenRevoked(jwt.Id)) return null;
        if (Guid.TryParse(Claim(jwt, TokenClaims.FamilyId), out var familyId) && denylist.IsFamilyRevoked(familyId)) return null;
        if (clients.TryFind(Claim(jwt, TokenClaims.ClientId), out var client) && client.Status != ClientStatus.Active) return null;
        var scopes = Claim(jwt, TokenClaims.Scope)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!Guid.TryParse(Claim(jwt, TokenClaims.KeyId), out var keyId)) return new LiveToken(jwt, scopes);

        // Exchanged for an API key: only while the key works, and only with scopes it still holds.
        var standing = denylist.Key(keyId);
        if (standing is { State: not KeyState.Active }) return null;
        return new LiveToken(jwt, standing?.Scopes is { } now ? scopes.Where(now.Contains).ToList() : scopes);
    }

    /// <summary>Signature, header and time checks only; nothing about denylists. Used by revocation.</summary>
    public async Task<JsonWebToken?> ReadSignedAsync(string token, string issuer)
    {
        var result = await Handler.ValidateTokenAsync(token, Parameters(issuer));
        return result.IsValid ? result.SecurityToken as JsonWebToken : null;
    }

    private TokenValidationParameters Parameters(string? issuer) => new()
    {
        ValidateIssuer = issuer is not null,
        ValidIssuer = issuer,
        ValidAudiences = [options.Value.Audience, .. options.Value.Resources],
        IssuerSigningKeys = ring.Published.Select(k => (SecurityKey)k.Public),
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SigningKeyRing.Algorithm],
        ValidTypes = [TokenClaims.AccessTokenType],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = options.Value.ClockSkew,
        // Our clock, not the machine's: the same instant that stamped iat/exp judges them.
        LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && now < exp + p.ClockSkew && (notBefore is not { } nbf || now >= nbf - p.ClockSkew);
        },
    };

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
