using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;
using Wolverine.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Tokens.Authorize;

public static class AuthorizeEndpoint
{
    /// <summary>
    /// RFC 6749 §4.1.1. Checks the request, then: not signed in → the login page; the user's or the client's account
    /// suspended → access_denied back to the client; consent not yet given
    /// for these scopes (and not the first-party dashboard) → the consent page; otherwise straight back to the client with a code.
    /// </summary>
    // A browser's page (sign-in, consent, redirects), not an API: left out of the OpenAPI document (docs/tokens.md).
    [ExcludeFromDescription]
    [WolverineGet("/oauth/authorize")]
    public static async Task<IResult> Get(HttpContext http, ClientLookup clients, IssuerUri issuerUri, IDocumentSession session, IAntiforgery antiforgery,
        Denylist denylist, IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var issuer = issuerUri.For(http.Request);
        // A client registered a moment ago on another replica is read once here, so the checks below find it.
        await clients.FindAsync(http.Request.Query[OAuthParameters.ClientId], ct);
        var outcome = AuthorizationRequestReader.Read(http.Request.Query, clients.Index, options.Value, issuer);
        if (outcome.PageError is { } pageError) return Pages.Error(pageError);
        if (outcome.RedirectError is { } redirect) return new FlowRedirect(redirect);
        var request = outcome.Request!;

        var user = await LoginCookie.UserAsync(http, session, ct);
        if (user is null) return Pages.Login(http.Request.Path + http.Request.QueryString, antiforgery.GetAndStoreTokens(http).RequestToken!, null);

        if (CodeIssuer.SuspendedRefusal(request, user, denylist, issuer) is { } suspended) return new FlowRedirect(suspended);
        var scopes = CodeIssuer.Grantable(request, user);
        if (request.Scopes.Count > 0 && scopes.Count == 0)
            return new FlowRedirect(AuthorizationRequestReader.ErrorRedirect(request.RedirectUri, OAuthErrors.AccessDenied, "the user holds none of the requested scopes", request.State, issuer));
        // Note: the platform's own dashboard is not a third party the user must vouch for: no consent page.
        var consent = request.Client.FirstParty ? null : await session.LoadAsync<Consent>(Consent.IdFor(user.Id, request.Client.Id), ct);
        if (request.Client.FirstParty || consent?.Covers(scopes) == true)
            return await CodeIssuer.RedirectWithCodeAsync(request, scopes, user, session, options.Value, clock.GetUtcNow(), issuer, ct);
        return Pages.Consent(request with { Scopes = scopes }, http.Request.QueryString.Value ?? "", user.Email, antiforgery.GetAndStoreTokens(http).RequestToken!);
    }
}
