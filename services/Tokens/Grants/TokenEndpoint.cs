using System.Reflection;
using Marten;
using Microsoft.AspNetCore.Http.Metadata;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Tokens.Access;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Platform.Tokens.State;
using Microsoft.AspNetCore.Mvc;
using TokenAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<Platform.Tokens.Grants.IssuedToken, Platform.Tokens.Protocol.OAuthRefused,
    Platform.Tokens.Protocol.AfterCommit<Platform.Tokens.Grants.IssuedToken>, Platform.Tokens.Protocol.AfterCommit<Platform.Tokens.Protocol.OAuthRefused>>;

namespace Platform.Tokens.Grants;

/// <summary>RFC 6749 §3.2: one endpoint, the grant chosen by <c>grant_type</c>.</summary>
public static class TokenEndpoint
{
    /// <remarks>
    /// The code and refresh grants read through the endpoint's session and return their writes; Wolverine commits them
    /// in this endpoint's transaction before the answer is written. A code or refresh token used twice at once loses
    /// that race at the commit: the optimistic check fails it, and the loser gets <c>invalid_grant</c> (ErrorShapes).
    /// </remarks>
    [ProducesResponseType<OAuthErrorBody>(StatusCodes.Status401Unauthorized)]
    [WolverinePost("/oauth/token")]
    public static async Task<(TokenAnswer, IEnumerable<IMartenOp>, OutgoingMessages)> Post(HttpRequest request, ClientLookup clients, AccessTokenIssuer issuer,
        IssuerUri issuerUri, KeysApiClient keys, IDocumentSession session, GrantContext grants, TimeProvider clock, CancellationToken ct)
    {
        var (form, formError) = await OAuthForm.ReadAsync(request, ct);
        if (formError is not null) return (formError.ToResult(), [], []);
        var iss = issuerUri.For(request);
        var now = clock.GetUtcNow();
        var result = form![OAuthParameters.GrantType] switch
        {
            null => OAuthError.Request("grant_type is required"),
            GrantTypes.ClientCredentials => await ClientCredentialsGrant.HandleAsync(request, form, clients, issuer, grants.Denylist, grants.Settings, iss, now, ct),
            GrantTypes.TokenExchange => await TokenExchangeGrant.HandleAsync(request, form, clients, keys, issuer, grants.Denylist, grants.Settings, iss, now, ct),
            GrantTypes.AuthorizationCode => await AuthorizationCodeGrant.HandleAsync(request, form, grants with { Issuer = iss }, session, ct),
            GrantTypes.RefreshToken => await RefreshTokenGrant.HandleAsync(request, form, grants with { Issuer = iss }, session, ct),
            var other => new OAuthError(OAuthErrors.UnsupportedGrantType, $"grant_type '{Truncate(other)}' is not supported"),
        };
        return (ToResult(result, grants.Denylist), result.Writes?.Appends ?? [], result.Writes?.Announcements ?? []);
    }

    /// <summary>The answer; a family the grant ended is refused here before the client hears of it.</summary>
    public static TokenAnswer ToResult(GrantResult result, Denylist denylist)
    {
        if (result.Ended is not { } ended) return result.Error is { } error ? error.ToResult() : new IssuedToken(result.Token!);
        void Holds() => denylist.SetFamily(ended.FamilyId, ended.RevokedAt);
        return result.Error is { } refused ? new AfterCommit<OAuthRefused>(Holds, refused.ToResult()) : new AfterCommit<IssuedToken>(Holds, new IssuedToken(result.Token!));
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}

/// <summary>RFC 6749 §5.1: a token response, never cached.</summary>
public sealed class IssuedToken(TokenResponse token) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TokenResponse>, IEndpointMetadataProvider
{
    public TokenResponse Value => token;

    object? IValueHttpResult.Value => token;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext http)
    {
        OAuthError.NoStore(http.Response);
        return Results.Json(token).ExecuteAsync(http);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TokenResponse), ["application/json"]));
}
