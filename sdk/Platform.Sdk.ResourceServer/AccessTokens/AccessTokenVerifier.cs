using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Sdk.ResourceServer.Caching;
using Platform.Sdk.ResourceServer.Credentials;
using Platform.Secrets;

namespace Platform.Sdk.ResourceServer.AccessTokens;

/// <summary>
/// An access token (RFC 9068) checked here: ES256 only, <c>typ</c> at+jwt, the platform's issuer and
/// our audience, signed by a key in the JWKS, unexpired; then, on every request, the denylist from
/// Tokens' feed. A token that passed the signature check is remembered (by fingerprint) until its
/// <c>exp</c> or <see cref="PlatformAuthenticationOptions.CacheTtl"/>, so only its first use pays for ECDSA.
/// </summary>
public sealed class AccessTokenVerifier(SigningKeys signingKeys, TokenDenylist denylist, IOptions<PlatformAuthenticationOptions> options, TimeProvider clock)
{
    public const string KeyStopped = "key", TokenRevoked = "token", FamilyRevoked = "family", ClientDisabled = "client", AccountSuspended = "account";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private const string Invalid = "Bearer token is invalid or has expired";

    private readonly AcceptanceCache<VerifiedAccessToken> _validated = Enabled(new AcceptanceCache<VerifiedAccessToken>(clock));

    public async Task<CredentialCheck> CheckAsync(string token, CancellationToken ct)
    {
        var (valid, refusal) = await VerifyAsync(token, ct);
        return valid is null ? CredentialCheck.Refuse(refusal!) : CredentialCheck.Accept(PlatformClaims.Principal("access_token", valid.Subject, valid.Scopes ?? [],
            (PlatformClaims.ClientId, valid.ClientId), (PlatformClaims.AccountId, valid.AccountId), (PlatformClaims.KeyId, valid.KeyId)));
    }

    /// <summary>The token's claims when it is valid and nothing has ended it, or the refusal: what the platform's own services read.</summary>
    public async Task<(VerifiedAccessToken? Token, Refusal? Refusal)> VerifyAsync(string token, CancellationToken ct)
    {
        var fingerprint = SecretFormat.Hash(token);
        var valid = _validated.Find(fingerprint);
        if (valid is null)
        {
            var (validated, refusal) = await ValidateAsync(token, ct);
            if (validated is null) return (null, refusal!);
            valid = validated;
            var (until, last) = (clock.GetUtcNow() + options.Value.CacheTtl, valid.ExpiresAt + options.Value.ClockSkew);
            _validated.Store(fingerprint, valid, [], last < until ? last : until, _validated.Generation);
        }

        // Note: fail closed. Without the feed nothing would tell us a token was revoked before its exp.
        if (!denylist.IsLive) return (null, Refusal.Unavailable(TokenDenylist.UnavailableMessage));
        if (denylist.Ends(valid.Jti, valid.KeyId, valid.FamilyId, valid.ClientId, valid.AccountId)) return (null, Refusal.Unauthorized(denylist.RefusalFor(valid.AccountId)));
        return (valid, null);
    }

    private async Task<(VerifiedAccessToken?, Refusal?)> ValidateAsync(string token, CancellationToken ct)
    {
        if (!Handler.CanReadToken(token)) return (null, Refusal.Unauthorized("Bearer token is malformed"));
        string? kid;
        try
        {
            kid = Handler.ReadJsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return (null, Refusal.Unauthorized("Bearer token is malformed"));
        }
        if (await signingKeys.ForAsync(kid, ct) is not { } ring) return (null, Refusal.Unavailable("The token service is unavailable; retry shortly"));

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = options.Value.ValidateIssuer,
            ValidIssuers = [ring.Issuer, .. options.Value.Issuers],
            // A token bound to this server's resource identifier (RFC 8707) is for us as well as one for the audience.
            ValidAudiences = options.Value.Resource is { Length: > 0 } resource ? [options.Value.Audience, resource] : [options.Value.Audience],
            IssuerSigningKeys = ring.Keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = ["at+jwt"],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            ClockSkew = options.Value.ClockSkew,
            // The clock this verifier was given, which also ends the cached acceptance: one instant judges exp and nbf.
            LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } exp && now < exp + p.ClockSkew && (notBefore is not { } nbf || now >= nbf - p.ClockSkew);
            },
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return (null, Refusal.Unauthorized(Invalid));
        return (new VerifiedAccessToken(jwt.Subject ?? "", Claim(jwt, PlatformClaims.Scope)?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Claim(jwt, PlatformClaims.ClientId), Claim(jwt, PlatformClaims.AccountId), Claim(jwt, PlatformClaims.KeyId), jwt.Id, Claim(jwt, "fid"),
            new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)), null);
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private static AcceptanceCache<VerifiedAccessToken> Enabled(AcceptanceCache<VerifiedAccessToken> cache)
    {
        cache.Reset(enabled: true);
        return cache;
    }
}

/// <summary>What a verified access token says; nothing in it can change before its exp but the denylist.</summary>
/// <param name="Scopes">Its <c>scope</c> claim, split; null when it has none.</param>
public sealed record VerifiedAccessToken(
    string Subject, string[]? Scopes, string? ClientId, string? AccountId, string? KeyId, string? Jti, string? FamilyId, DateTimeOffset ExpiresAt);
