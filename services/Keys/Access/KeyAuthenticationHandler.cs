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
    : RefusingAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override string MissingCredential => "API key is missing";

    protected override string LacksScope => $"API key lacks the required scope '{ManagementPolicy.Scope}'";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerHeader.Read(Request, out var problem);
        if (secret is null) return Task.FromResult(Refuse(StatusCodes.Status401Unauthorized, problem ?? MissingCredential));
        var outcome = KeyCheck.Check(secret, index, clock.GetUtcNow());
        if (outcome.Problem is { } why) return Task.FromResult(Refuse(StatusCodes.Status401Unauthorized, why));

        var key = outcome.Key!;
        var principal = ManagementClaims.Principal(SchemeName, $"key:{key.Id}", key.AccountId, key.Scopes);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
