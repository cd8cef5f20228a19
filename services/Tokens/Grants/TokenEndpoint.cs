using Marten;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Tokens.Access;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Wolverine;
using Wolverine.Http;

namespace Platform.Tokens.Grants;

/// <summary>RFC 6749 §3.2: one endpoint, the grant chosen by <c>grant_type</c>.</summary>
public static class TokenEndpoint
{
    [WolverinePost("/oauth/token")]
    public static async Task<IResult> Post(HttpRequest request, ClientLookup clients, AccessTokenIssuer issuer, IssuerUri issuerUri, KeysApiClient keys,
        IDocumentSession session, IMessageBus bus, GrantContext grants, TimeProvider clock, CancellationToken ct)
    {
        var (form, formError) = await OAuthForm.ReadAsync(request, ct);
        if (formError is not null) return formError.ToResult();
        var iss = issuerUri.For(request);
        var now = clock.GetUtcNow();
        var result = form![OAuthParameters.GrantType] switch
        {
            null => OAuthError.Request("grant_type is required"),
            GrantTypes.ClientCredentials => await ClientCredentialsGrant.HandleAsync(request, form, clients, issuer, grants.Denylist, grants.Settings, iss, now, ct),
            GrantTypes.TokenExchange => await TokenExchangeGrant.HandleAsync(request, form, clients, keys, issuer, grants.Denylist, grants.Settings, iss, now, ct),
            GrantTypes.AuthorizationCode => await AuthorizationCodeGrant.HandleAsync(request, form, grants with { Issuer = iss }, session, bus, ct),
            GrantTypes.RefreshToken => await RefreshTokenGrant.HandleAsync(request, form, grants with { Issuer = iss }, session, bus, ct),
            var other => new OAuthError(OAuthErrors.UnsupportedGrantType, $"grant_type '{Truncate(other)}' is not supported"),
        };
        return ToResult(result);
    }

    public static IResult ToResult(GrantResult result) => result.Error is { } error ? error.ToResult() : new TokenResult(result.Token!);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private sealed class TokenResult(TokenResponse token) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            OAuthError.NoStore(http.Response);
            return Results.Json(token).ExecuteAsync(http);
        }
    }
}
