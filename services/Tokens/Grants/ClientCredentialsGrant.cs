using Platform.Tokens.Accounts;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;

namespace Platform.Tokens.Grants;

/// <summary>RFC 6749 §4.4: a confidential client gets a token for itself. The client comes from memory (one read for a client this replica has not heard of yet).</summary>
public static class ClientCredentialsGrant
{
    public static async Task<GrantResult> HandleAsync(HttpRequest request, OAuthForm form, ClientLookup clients, AccessTokenIssuer issuer, Denylist denylist,
        TokensOptions options, string issuerUri, DateTimeOffset now, CancellationToken ct)
    {
        var (client, error) = await ClientAuthentication.AuthenticateAsync(request, form, clients, now, ct);
        if (error is not null) return error;
        if (client!.Type != ClientType.Confidential || !client.Allows(GrantTypes.ClientCredentials))
            return new OAuthError(OAuthErrors.UnauthorizedClient, "this client may not use client_credentials");
        if (SuspendedAccount.Refusal(denylist, client.AccountId) is { } suspended) return suspended;
        var (scopes, scopeError) = ScopeRequest.Narrow(form.Scopes, client.Scopes);
        if ((scopeError ?? OperatorScopes.TokenRefusal(client.AccountId, scopes, denylist)) is { } refused) return refused;
        var (audience, targetError) = ResourceIndicator.Read(form[OAuthParameters.Resource], options);
        if (targetError is not null) return targetError;

        // RFC 9068 §2.2: with no end user, sub is the client itself.
        var token = issuer.Issue(new AccessTokenRequest(client.Id.ToString(), client.Id.ToString(), client.AccountId, scopes, Audience: audience), issuerUri, GrantTypes.ClientCredentials);
        return new TokenResponse(token.Token, token.ExpiresIn, token.Scope);
    }
}
