using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.AccessTokens;

public sealed class AccessTokenSchemeOptions : AuthenticationSchemeOptions
{
    /// <summary>Named in the 403 when the token lacks it.</summary>
    public string RequiredScope { get; set; } = "";
}

/// <summary>
/// Authenticates a management call made with an access token from Tokens (a signed-in user's, or one
/// exchanged for an API key); refusals answer in the seed's error shape, as the API-key handlers do.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AccessTokenSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAccessTokenValidator validator)
    : AuthenticationHandler<AccessTokenSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    private const string RefusalItem = "access-token-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var bearer = BearerHeader.Read(Request, out var problem);
        if (bearer is null) return Refuse(ApiError.For(StatusCodes.Status401Unauthorized, problem ?? "Bearer token is missing"));
        var outcome = await validator.ValidateAsync(bearer, Context.RequestAborted);
        if (outcome.Token is not { } token) return Refuse(outcome.Refusal!);
        var principal = ManagementClaims.Principal(SchemeName, token.Actor, token.AccountId, token.Scopes);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Refuse(ApiError refusal)
    {
        Context.Items[RefusalItem] = refusal;
        return AuthenticateResult.Fail(refusal.Message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as ApiError ?? ApiError.For(StatusCodes.Status401Unauthorized, "Bearer token is missing");
        if (refusal.StatusCode == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(refusal, statusCode: refusal.StatusCode).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.Result(StatusCodes.Status403Forbidden, $"Access token lacks the required scope '{Options.RequiredScope}'").ExecuteAsync(Context);
}
