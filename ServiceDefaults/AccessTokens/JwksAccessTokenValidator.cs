using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Sdk.ResourceServer.AccessTokens;

namespace Platform.ServiceDefaults.AccessTokens;

/// <summary>
/// Checks an access token here, against Tokens' JWKS: no call per request. The audience is
/// <c>AccessTokens:Audience</c> (default <c>platform-api</c>, Tokens' own default <c>Tokens:Audience</c>). A token
/// Tokens' feed has ended (sign-out, revocation, disabled client, stopped key, suspended account) is refused; while the feed is not
/// connected every access token is answered 503, since a sign-out could go unheard.
/// </summary>
public sealed class JwksAccessTokenValidator(SigningKeys signingKeys, TokenDenylist denylist, IConfiguration configuration, TimeProvider clock) : IAccessTokenValidator
{
    public const string AudienceSetting = "AccessTokens:Audience";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<AccessTokenOutcome> ValidateAsync(string token, CancellationToken ct)
    {
        string? kid;
        try
        {
            kid = new JsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return AccessTokenOutcome.Refuse(AccessTokenRules.Malformed);
        }
        if (await signingKeys.ForAsync(kid, ct) is not { } ring)
            return new(null, ApiError.For(StatusCodes.Status503ServiceUnavailable, "Token signing keys are unavailable; retry shortly"));

        var result = await Handler.ValidateTokenAsync(token, AccessTokenRules.Parameters(ring.Keys, [Audience(configuration)], clock));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return AccessTokenOutcome.Refuse(AccessTokenRules.Invalid);

        // Note: fail closed, as resource servers do. Without the feed nothing would tell us of a sign-out before exp.
        if (!denylist.IsLive) return new(null, ApiError.For(StatusCodes.Status503ServiceUnavailable, TokenDenylist.UnavailableMessage));
        var account = AccessTokenRules.Claim(jwt, AccessTokenRules.AccountId);
        if (denylist.Ends(jwt.Id, AccessTokenRules.Claim(jwt, AccessTokenRules.KeyId), AccessTokenRules.Claim(jwt, AccessTokenRules.FamilyId),
                AccessTokenRules.Claim(jwt, AccessTokenRules.ClientId), account))
            return AccessTokenOutcome.Refuse(denylist.RefusalFor(account));
        return AccessTokenRules.Read(jwt);
    }

    public static string Audience(IConfiguration configuration) => configuration[AudienceSetting] is { Length: > 0 } audience ? audience : AccessTokenRules.DefaultAudience;
}
