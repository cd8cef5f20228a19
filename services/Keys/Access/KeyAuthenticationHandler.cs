using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Keys.Verification;
using Platform.Infrastructure.Authentication;

namespace Platform.Keys.Access;

/// <summary>
/// Authenticates management calls with an API key, checked exactly as /api/keys/verify checks it (the
/// index, then one read on a miss); challenges and refusals answer in the seed's error shape.
/// </summary>
public sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyLookup keys, TimeProvider clock)
    : RefusingAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override string MissingCredential => "API key is missing";

    protected override string LacksScope => $"API key lacks the required scope '{ManagementPolicy.Scope}'";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerHeader.Read(Request, out var problem);
        if (secret is null) return problem is null ? NoCredential() : Refuse(StatusCodes.Status401Unauthorized, problem);
        var outcome = await keys.CheckAsync(secret, clock.GetUtcNow(), Context.RequestAborted);
        if (outcome.Key is not { } key) return Refuse(outcome.Status, outcome.Problem!);

        var principal = ManagementClaims.Principal(SchemeName, $"key:{key.Id}", key.AccountId, key.Scopes);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
