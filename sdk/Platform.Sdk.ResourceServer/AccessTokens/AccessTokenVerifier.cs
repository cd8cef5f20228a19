using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Sdk.ResourceServer.Credentials;

namespace Platform.Sdk.ResourceServer.AccessTokens;

/// <summary>
/// An access token (RFC 9068) checked here: ES256 only, <c>typ</c> at+jwt, the platform's issuer and
/// our audience, signed by a key in the JWKS, unexpired; then the denylist from Tokens' feed.
/// </summary>
public sealed class AccessTokenVerifier(SigningKeys signingKeys, TokenDenylist denylist, IOptions<PlatformAuthenticationOptions> options)
{
    public const string KeyStopped = "key", TokenRevoked = "token", FamilyRevoked = "family", ClientDisabled = "client";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private const string Invalid = "Bearer token is invalid or has expired";

    public async Task<CredentialCheck> CheckAsync(string token, CancellationToken ct)
    {
        if (!Handler.CanReadToken(token)) return CredentialCheck.Unauthorized("Bearer token is malformed");
        string? kid;
        try
        {
            kid = Handler.ReadJsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return CredentialCheck.Unauthorized("Bearer token is malformed");
        }
        if (await signingKeys.ForAsync(kid, ct) is not { } ring) return CredentialCheck.Refuse(Refusal.Unavailable("The token service is unavailable; retry shortly"));

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer ?? ring.Issuer,
            ValidAudience = options.Value.Audience,
            IssuerSigningKeys = ring.Keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = ["at+jwt"],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            ClockSkew = options.Value.ClockSkew,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return CredentialCheck.Unauthorized(Invalid);

        // Note: fail closed. Without the feed nothing would tell us a token was revoked before its exp.
        if (!denylist.IsLive) return CredentialCheck.Refuse(Refusal.Unavailable("Token revocation state is unavailable; retry shortly"));
        var keyId = Claim(jwt, PlatformClaims.KeyId);
        var clientId = Claim(jwt, PlatformClaims.ClientId);
        if (denylist.Denies(TokenRevoked, jwt.Id) || denylist.Denies(KeyStopped, keyId) || denylist.Denies(FamilyRevoked, Claim(jwt, "fid")) || denylist.Denies(ClientDisabled, clientId))
            return CredentialCheck.Unauthorized("Bearer token has been revoked");

        var scopes = (Claim(jwt, PlatformClaims.Scope) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return CredentialCheck.Accept(PlatformClaims.Principal("access_token", jwt.Subject ?? "", scopes,
            (PlatformClaims.ClientId, clientId), (PlatformClaims.AccountId, Claim(jwt, PlatformClaims.AccountId)), (PlatformClaims.KeyId, keyId)));
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
