using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;
using Wolverine.Http;
using Platform.Sdk.ResourceServer;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Grants;

/// <summary>The SIMCEL seed's answer shape: <c>{"accessToken","expiresIn","tokenType"}</c>.</summary>
public sealed record SimcelToken(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary>The API-key exchange request of the SIMCEL seed; <see cref="Scopes"/> optionally narrows the token.</summary>
public sealed record ExchangeApiKey(string? ApiKey, string[]? Scopes);

/// <summary>
/// The SIMCEL dialect of the same grants. Errors answer in the seed's error shape
/// (<c>statusCode, error, message</c>), as the rest of that API does.
/// </summary>
public static class SimcelDialect
{
    [Refuses(StatusCodes.Status400BadRequest)]
    [Refuses(StatusCodes.Status401Unauthorized)]
    [WolverinePost("/api/oauth/v1/token")]
    public static async Task<Results<Ok<SimcelToken>, Refused>> ClientCredentials(HttpRequest request, ClientLookup clients, AccessTokenIssuer issuer, IssuerUri issuerUri, Denylist denylist,
        IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (form, formError) = await OAuthForm.ReadAsync(request, ct);
        if (formError is not null) return ToApiError(formError, request.HttpContext.Response);
        if (form![OAuthParameters.GrantType] is not GrantTypes.ClientCredentials)
            return ToApiError(new OAuthError(OAuthErrors.UnsupportedGrantType, "grant_type must be client_credentials"), request.HttpContext.Response);
        var result = await ClientCredentialsGrant.HandleAsync(request, form, clients, issuer, denylist, options.Value, issuerUri.For(request), clock.GetUtcNow(), ct);
        return result.Error is { } error ? ToApiError(error, request.HttpContext.Response) : Ok(request.HttpContext.Response, result.Token!.AccessToken, result.Token.ExpiresIn);
    }

    [Refuses(StatusCodes.Status400BadRequest)]
    [Refuses(StatusCodes.Status401Unauthorized)]
    [Refuses(StatusCodes.Status403Forbidden)]
    [Refuses(StatusCodes.Status503ServiceUnavailable)]
    [WolverinePost("/api/auth/v1/token")]
    public static async Task<Results<Ok<SimcelToken>, Refused>> ApiKey(HttpRequest request, KeysApiClient keys, AccessTokenIssuer issuer, IssuerUri issuerUri, Denylist denylist, CancellationToken ct)
    {
        ExchangeApiKey? body;
        try
        {
            body = await request.ReadFromJsonAsync<ExchangeApiKey>(ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return ApiError.BadRequest("The body must be JSON: {\"apiKey\": \"sk_live_...\"}");
        }
        if (body?.ApiKey is not { Length: > 0 } apiKey) return ApiError.Result(StatusCodes.Status401Unauthorized, "API key is missing");
        var (token, refusal, scopeProblem) = await ApiKeyExchange.ExchangeAsync(
            apiKey, body.Scopes ?? [], keys, issuer, denylist, issuerUri.For(request), request.HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (scopeProblem is not null) return ApiError.Result(StatusCodes.Status403Forbidden, scopeProblem);
        if (refusal is not null) return ApiError.Result(refusal);
        return Ok(request.HttpContext.Response, token!.Token, token.ExpiresIn);
    }

    private static Ok<SimcelToken> Ok(HttpResponse response, string token, int expiresIn)
    {
        OAuthError.NoStore(response);
        return TypedResults.Ok(new SimcelToken(token, expiresIn));
    }

    /// <summary>The seed's error shape for an OAuth error, with its Basic challenge when a client that tried HTTP Basic is refused.</summary>
    private static Refused ToApiError(OAuthError error, HttpResponse response)
    {
        if (error.BasicChallenge) response.Headers.WWWAuthenticate = "Basic realm=\"oauth\", charset=\"UTF-8\"";
        return ApiError.Result(error.StatusCode, error.ErrorDescription);
    }
}
