using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.AccessTokens;
using Platform.Tokens.State;

namespace Platform.Tokens.Access;

/// <summary>
/// Authenticates management calls with an API key, asking the Keys service on every call: a revoked
/// key is refused at once. Refusals answer in the seed's error shape.
/// </summary>
public sealed class KeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeysClient keys, Denylist denylist)
    : RefusingAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override string MissingCredential => "API key is missing";

    protected override string LacksScope => $"API key lacks the required scope '{ManagementPolicy.Scope}'";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerHeader.Read(Request, out var problem);
        if (secret is null) return problem is null ? NoCredential() : Refuse(StatusCodes.Status401Unauthorized, problem);
        var verification = await keys.VerifyAsync(secret, [], Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (verification.Key is not { } key) return Refuse(verification.Refusal!);
        // Keys suspends the account's keys with it; the account's own signal may reach us first.
        if (denylist.IsSuspended(key.AccountId)) return Refuse(StatusCodes.Status401Unauthorized, Grants.ApiKeyExchange.SuspendedKey);
        var principal = ManagementClaims.Principal(SchemeName, $"key:{key.KeyId}", key.AccountId, key.Scopes);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
