using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Secrets;
using Platform.Sdk.ResourceServer;
using Platform.Infrastructure.Http;

namespace Platform.Infrastructure.Authentication;

public sealed class ApiKeySchemeOptions : AuthenticationSchemeOptions
{
    /// <summary>The scope named by a 403 when an endpoint's policy is not met.</summary>
    public string RequiredScope { get; set; } = "";

    /// <summary>A refusal this service adds for the key's account (Tokens: the account is suspended), or null.</summary>
    public Func<HttpContext, Guid, Refusal?>? RefuseAccount { get; set; }
}

/// <summary>
/// A management API's API-key scheme, for the services that do not hold keys themselves (Tokens, Audit):
/// Keys' verify on every call, through the resource-server SDK's client, so a revoked key is refused at
/// once and the call counts in the key's usage and rate limit. Keys' refusal is passed on (401, 429); its
/// own trouble is a 503 here, never a 401 that blames the caller.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeySchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeysApiClient keys)
    : RefusingAuthenticationHandler<ApiKeySchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string NotAKey = "Management needs an API key or an access token";

    protected override string MissingCredential => "API key is missing";

    protected override string LacksScope => $"API key lacks the required scope '{Options.RequiredScope}'";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerHeader.Read(Request, out var problem);
        if (secret is null) return problem is null ? NoCredential() : Refuse(StatusCodes.Status401Unauthorized, problem);
        // Checked here, as Keys would: another kind of secret (an agent credential) is never sent to Keys.
        if (!SecretFormat.IsApiKey(secret))
            return Refuse(StatusCodes.Status401Unauthorized, secret.StartsWith("sk_", StringComparison.Ordinal) ? "API key is malformed" : NotAKey);
        var (key, refusal) = await keys.VerifyAsync(secret, [], Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (key is null) return Refuse(refusal!);
        if (Options.RefuseAccount?.Invoke(Context, key.AccountId) is { } refused) return Refuse(refused);
        var principal = ManagementClaims.Principal(SchemeName, $"key:{key.KeyId}", key.AccountId, key.Scopes);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

public static class ApiKeyAuthentication
{
    /// <summary>The <see cref="ApiKeyAuthenticationHandler.SchemeName"/> scheme and the Keys client it asks.</summary>
    public static AuthenticationBuilder AddApiKeys(this AuthenticationBuilder authentication, string requiredScope, Func<HttpContext, Guid, Refusal?>? refuseAccount = null)
    {
        authentication.Services.AddKeysApiClient();
        return authentication.AddScheme<ApiKeySchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, options =>
        {
            options.RequiredScope = requiredScope;
            options.RefuseAccount = refuseAccount;
        });
    }
}
