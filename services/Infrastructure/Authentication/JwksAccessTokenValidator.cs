using Platform.Sdk.ResourceServer.AccessTokens;

namespace Platform.Infrastructure.Authentication;

/// <summary>
/// Checks an access token here, with the resource-server SDK's verifier, as any resource server does: Tokens'
/// JWKS, no call per request, and Tokens' feed (a token the feed has ended is refused; while it is not connected
/// every access token is answered 503, since a sign-out could go unheard). The audience is <c>Platform:Audience</c>
/// (default <c>platform-api</c>, Tokens' own default <c>Tokens:Audience</c>); the issuer is not compared
/// (<see cref="ManagementAuthentication.AddAccessTokensFromJwks"/>). Then the management APIs' own rules.
/// </summary>
public sealed class JwksAccessTokenValidator(AccessTokenVerifier verifier) : IAccessTokenValidator
{
    public async Task<AccessTokenOutcome> ValidateAsync(string token, CancellationToken ct)
    {
        var (verified, refusal) = await verifier.VerifyAsync(token, ct);
        return verified is null ? new(null, refusal) : AccessTokenRules.Read(verified);
    }
}
