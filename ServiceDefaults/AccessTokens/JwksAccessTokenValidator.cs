using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Platform.ServiceDefaults.AccessTokens;

/// <summary>
/// Checks an access token here, against Tokens' JWKS: no call per request. The audience is
/// <c>AccessTokens:Audience</c> (default <c>platform-api</c>, Tokens' own default <c>Tokens:Audience</c>).
/// </summary>
public sealed class JwksAccessTokenValidator(TokensSigningKeys signingKeys, IConfiguration configuration, TimeProvider clock) : IAccessTokenValidator
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
        if (await signingKeys.GetAsync(kid, ct) is not { } keys)
            return new(null, ApiError.For(StatusCodes.Status503ServiceUnavailable, "Token signing keys are unavailable; retry shortly"));

        var result = await Handler.ValidateTokenAsync(token, AccessTokenRules.Parameters(keys, [Audience(configuration)], clock));
        return result.IsValid && result.SecurityToken is JsonWebToken jwt ? AccessTokenRules.Read(jwt) : AccessTokenOutcome.Refuse(AccessTokenRules.Invalid);
    }

    public static string Audience(IConfiguration configuration) => configuration[AudienceSetting] is { Length: > 0 } audience ? audience : AccessTokenRules.DefaultAudience;
}
