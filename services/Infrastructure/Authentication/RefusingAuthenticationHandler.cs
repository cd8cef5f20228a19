using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer;
using Platform.Infrastructure.Errors;

namespace Platform.Infrastructure.Authentication;

/// <summary>
/// What every management scheme shares: a refusal remembered for the challenge, answered in the seed's
/// error shape with its own status (401 names the Bearer scheme, and invalid_token when one was presented; 429 and 503 are not the caller's fault),
/// and a 403 that names the scope the endpoint needs.
/// </summary>
public abstract class RefusingAuthenticationHandler<TOptions>(IOptionsMonitor<TOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TOptions>(options, logger, encoder)
    where TOptions : AuthenticationSchemeOptions, new()
{
    private const string RefusalItem = "platform-auth-refusal";

    /// <summary>The 401 message when no credential came at all.</summary>
    protected abstract string MissingCredential { get; }

    /// <summary>The 403 message when the credential lacks the endpoint's scope.</summary>
    protected abstract string LacksScope { get; }

    protected AuthenticateResult Refuse(Refusal refusal)
    {
        Context.Items[RefusalItem] = refusal;
        return AuthenticateResult.Fail(refusal.Message);
    }

    protected AuthenticateResult Refuse(int status, string message) => Refuse(ApiError.For(status, message));

    /// <summary>
    /// No credential at all: nothing to refuse. Most such requests go to anonymous routes (health, verify with
    /// the key in the body), so this is no news: ASP.NET Core logs a no-result at Debug, a refusal at
    /// Information, once per request. An endpoint that needs a caller still answers 401 with
    /// <see cref="MissingCredential"/> through the challenge.
    /// </summary>
    protected static AuthenticateResult NoCredential() => AuthenticateResult.NoResult();

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as Refusal ?? ApiError.For(StatusCodes.Status401Unauthorized, MissingCredential);
        if (refusal.StatusCode == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = Challenge(Request);
        return Results.Json(refusal, statusCode: refusal.StatusCode).ExecuteAsync(Context);
    }

    /// <summary>RFC 6750 §3.1: a token that was presented and refused is <c>invalid_token</c>; with none, the bare scheme.</summary>
    internal static string Challenge(HttpRequest request) =>
        BearerHeader.Read(request, out _) is null ? "Bearer" : "Bearer error=\"invalid_token\"";

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.Result(StatusCodes.Status403Forbidden, LacksScope).ExecuteAsync(Context);
}
