using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.Sdk.ResourceServer.AccessTokens;
using Platform.Sdk.ResourceServer.Credentials;
using Platform.Secrets;

namespace Platform.Sdk.ResourceServer;

/// <summary>
/// <c>Authorization: Bearer</c> with an API key, an agent token (plus <c>X-Agent-ID</c>) or an access
/// token; every refusal answered in the seed's error shape.
/// </summary>
public sealed class PlatformAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyVerifier apiKeys, AgentTokenVerifier agentTokens, AccessTokenVerifier accessTokens, IOptions<PlatformAuthenticationOptions> platform)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = PlatformClaims.Scheme;
    internal const string RefusalItem = "platform:refusal";
    internal const string MissingScopeItem = "platform:missing-scope";
    private const int MaxTokenLength = 8192;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, problem) = ReadBearer();
        // No credential at all is no news (health checks, anonymous routes): a no-result is logged at Debug, a
        // refusal at Information. The challenge still answers a protected route's 401 with the same message.
        if (token is null) return problem is null ? AuthenticateResult.NoResult() : Refuse(Refusal.Unauthorized(problem));
        var ct = Context.RequestAborted;
        var check = token.StartsWith("sk_", StringComparison.Ordinal) ? await apiKeys.CheckAsync(token, Context.Connection.RemoteIpAddress?.ToString(), ct)
            : token.StartsWith(SecretFormat.AgentTokenPrefix, StringComparison.Ordinal) ? await agentTokens.CheckAsync(token, Request.Headers[AgentTokenVerifier.AgentHeader].ToString(), ct)
            : await accessTokens.CheckAsync(token, ct);
        return check.Principal is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : Refuse(check.Refusal!);
    }

    private (string? Token, string? Problem) ReadBearer()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (header.Length == 0) return (null, null);
        var space = header.IndexOf(' ');
        if (space <= 0 || !header.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return (null, "Authorization must use the Bearer scheme");
        var token = header[space..].Trim(' ');
        return token.Length is 0 or > MaxTokenLength || token.Contains(' ') ? (null, "Bearer token is missing or malformed") : (token, null);
    }

    private AuthenticateResult Refuse(Refusal refusal)
    {
        Context.Items[RefusalItem] = refusal;
        return AuthenticateResult.Fail(refusal.Message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        (Context.Items[RefusalItem] as Refusal ?? Refusal.Unauthorized("Bearer token is missing or has expired"))
            .WriteAsync(Response, ProtectedResourceMetadata.Challenge(platform.Value));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.Items[MissingScopeItem] as string;
        var kind = Context.User.FindFirst(PlatformClaims.Credential)?.Value switch
        {
            "api_key" => "API key",
            "agent_token" => "agent credential",
            _ => "Bearer token",
        };
        return Refusal.For(StatusCodes.Status403Forbidden, scope is null ? $"{kind} may not use this resource" : $"{kind} lacks the required scope '{scope}'").WriteAsync(Response);
    }
}
