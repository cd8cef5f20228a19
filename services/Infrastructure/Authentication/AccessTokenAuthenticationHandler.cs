using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Infrastructure.Authentication;

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
    : RefusingAuthenticationHandler<AccessTokenSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    protected override string MissingCredential => "Bearer token is missing";

    protected override string LacksScope => $"Access token lacks the required scope '{Options.RequiredScope}'";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var bearer = BearerHeader.Read(Request, out var problem);
        if (bearer is null) return problem is null ? NoCredential() : Refuse(StatusCodes.Status401Unauthorized, problem);
        var outcome = await validator.ValidateAsync(bearer, Context.RequestAborted);
        if (outcome.Token is not { } token) return Refuse(outcome.Refusal!);
        var principal = ManagementClaims.Principal(SchemeName, token.Actor, token.AccountId, token.Scopes, token.SignInId);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
