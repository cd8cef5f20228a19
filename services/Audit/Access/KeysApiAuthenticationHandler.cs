using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.AccessTokens;

namespace Platform.Audit.Access;

/// <summary>
/// Authenticates a Bearer API key by asking Keys to verify it; refusals answer in the seed's error shape
/// with Keys' own reason (401), or 503 when Keys cannot be reached.
/// </summary>
public sealed class KeysApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeysClient keys)
    : RefusingAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override string MissingCredential => "API key is missing";

    /// <summary>Unused in practice: <see cref="ScopeRefusals"/> answers each policy's 403 with the scope it needs.</summary>
    protected override string LacksScope => $"API key lacks the required scope '{Platform.Contracts.Scopes.KeysManage}'";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (header.Length == 0) return NoCredential();
        var space = header.IndexOf(' ');
        if (space <= 0 || !header[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || header[space..].Trim(' ') is not { Length: > 0 } secret || secret.Contains(' '))
            return Refuse(StatusCodes.Status401Unauthorized, "Bearer token is missing or malformed");

        KeyVerdict verdict;
        try
        {
            verdict = await keys.VerifyAsync(secret, Context.RequestAborted);
        }
        // Keys unreachable, too slow, or answering something that is not a verdict: its trouble, not the caller's.
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or System.Text.Json.JsonException)
        {
            return Refuse(StatusCodes.Status503ServiceUnavailable, "API keys cannot be verified right now; retry shortly");
        }
        if (verdict.Key is not { } key) return Refuse(StatusFor(verdict.Status), verdict.Message);

        var principal = ManagementClaims.Principal(SchemeName, $"key:{key.KeyId}", key.AccountId, key.Scopes);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Keys' refusal as this service answers it: its own trouble is a 503 here, never a 401 that blames the caller.</summary>
    public static int StatusFor(int keysStatus) => keysStatus switch
    {
        StatusCodes.Status429TooManyRequests => StatusCodes.Status429TooManyRequests,
        >= 500 => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status401Unauthorized,
    };
}
