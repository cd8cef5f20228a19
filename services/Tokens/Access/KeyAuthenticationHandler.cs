using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.AccessTokens;

namespace Platform.Tokens.Access;

/// <summary>
/// Authenticates management calls with an API key, asking the Keys service on every call: a revoked
/// key is refused at once. Refusals answer in the seed's error shape.
/// </summary>
public sealed class KeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeysClient keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string RefusalItem = "key-auth-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerHeader.Read(Request, out var problem);
        if (secret is null) return Refuse(ApiError.For(StatusCodes.Status401Unauthorized, problem ?? "API key is missing"));
        var verification = await keys.VerifyAsync(secret, [], Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (verification.Key is not { } key) return Refuse(verification.Refusal!);
        var principal = ManagementClaims.Principal(SchemeName, $"key:{key.KeyId}", key.AccountId, key.Scopes);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Refuse(ApiError refusal)
    {
        Context.Items[RefusalItem] = refusal;
        return AuthenticateResult.Fail(refusal.Message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as ApiError ?? ApiError.For(StatusCodes.Status401Unauthorized, "API key is missing");
        if (refusal.StatusCode == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(refusal, statusCode: refusal.StatusCode).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.Result(StatusCodes.Status403Forbidden, $"API key lacks the required scope '{ManagementPolicy.Scope}'").ExecuteAsync(Context);
}
