using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Keys.Verification;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.AccessTokens;

namespace Platform.Keys.Access;

/// <summary>
/// Authenticates management calls with an API key, checked against the in-memory index exactly as
/// /api/keys/verify checks it; challenges and refusals answer in the seed's error shape.
/// </summary>
public sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyIndex index, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string ProblemItem = "key-auth-problem";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerHeader.Read(Request, out var problem);
        if (secret is null) return Task.FromResult(Refuse(problem ?? "API key is missing"));
        var outcome = KeyCheck.Check(secret, index, clock.GetUtcNow());
        if (outcome.Problem is { } why) return Task.FromResult(Refuse(why));

        var key = outcome.Key!;
        var principal = ManagementClaims.Principal(SchemeName, $"key:{key.Id}", key.AccountId, key.Scopes);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    private AuthenticateResult Refuse(string problem)
    {
        Context.Items[ProblemItem] = problem;
        return AuthenticateResult.Fail(problem);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var message = Context.Items[ProblemItem] as string ?? "API key is missing";
        await Results.Json(ApiError.For(StatusCodes.Status401Unauthorized, message), statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await ApiError.Result(StatusCodes.Status403Forbidden, $"API key lacks the required scope '{ManagementPolicy.Scope}'").ExecuteAsync(Context);
}
