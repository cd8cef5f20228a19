using Platform.Sdk.ResourceServer.Platform;
using Platform.Tokens.Access;
using Platform.Tokens.Accounts;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;

namespace Platform.Tokens.Grants;

/// <summary>
/// RFC 8693 token exchange with an API key as the subject token. The key authenticates the request;
/// a client that also authenticates must be allowed this grant. No delegation (actor tokens).
/// </summary>
public static class TokenExchangeGrant
{
    public static async Task<GrantResult> HandleAsync(HttpRequest request, OAuthForm form, ClientLookup clients, KeysApiClient keys, AccessTokenIssuer issuer, Denylist denylist,
        TokensOptions options, string issuerUri, DateTimeOffset now, CancellationToken ct)
    {
        var (client, error) = await ClientAuthentication.AuthenticateAsync(request, form, clients, now, ct, required: false);
        if (error is not null) return error;
        if (client is not null && !client.Allows(GrantTypes.TokenExchange))
            return new OAuthError(OAuthErrors.UnauthorizedClient, "this client may not use token exchange");
        if (client is not null && SuspendedAccount.Refusal(denylist, client.AccountId) is { } suspended) return suspended;
        if (form[OAuthParameters.SubjectToken] is not { } subjectToken) return OAuthError.Request("subject_token is required");
        if (form[OAuthParameters.SubjectTokenType] != TokenTypes.ApiKey)
            return OAuthError.Request($"subject_token_type must be {TokenTypes.ApiKey}");
        if (form[OAuthParameters.RequestedTokenType] is { } requested && requested != TokenTypes.AccessToken)
            return OAuthError.Request($"requested_token_type must be {TokenTypes.AccessToken}");
        if (form["actor_token"] is not null) return OAuthError.Request("delegation (actor_token) is not supported");
        var (audience, targetError) = ResourceIndicator.Read(form[OAuthParameters.Resource], options);
        if (targetError is not null) return targetError;

        var (token, refusal, scopeProblem) = await ApiKeyExchange.ExchangeAsync(
            subjectToken, form.Scopes, keys, issuer, denylist, issuerUri, request.HttpContext.Connection.RemoteIpAddress?.ToString(), ct, audience);
        if (scopeProblem is not null) return OAuthError.Scope(scopeProblem);
        if (refusal is { StatusCode: >= 500 }) return new OAuthError(OAuthErrors.TemporarilyUnavailable, refusal.Message, StatusCodes.Status503ServiceUnavailable);
        if (refusal is not null) return OAuthError.Grant(refusal.Message);
        return new TokenResponse(token!.Token, token.ExpiresIn, token.Scope, IssuedTokenType: TokenTypes.AccessToken);
    }
}
