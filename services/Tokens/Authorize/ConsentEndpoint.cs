using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;
using Wolverine.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Tokens.Authorize;

public static class ConsentEndpoint
{
    /// <summary>The user's answer on the consent page: allow (remembered, then a code) or deny (access_denied to the client).</summary>
    // A browser's page (sign-in, consent, redirects), not an API: left out of the OpenAPI document (docs/tokens.md).
    [ExcludeFromDescription]
    [WolverinePost("/oauth/consent")]
    public static async Task<IResult> Post(HttpContext http, ClientLookup clients, IssuerUri issuerUri, IDocumentSession session, IAntiforgery antiforgery,
        Denylist denylist, IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (form, formProblem) = await PageForm.ReadAsync(http.Request, "consent", ct);
        if (formProblem is not null) return formProblem;
        if (!await antiforgery.IsRequestValidAsync(http)) return Pages.Error("The consent form has expired; start again from the application");
        var user = await LoginCookie.UserAsync(http, session, ct);
        if (user is null) return Pages.Error("Sign in first", StatusCodes.Status401Unauthorized);

        var issuer = issuerUri.For(http.Request);
        var parameters = QueryHelpers.ParseQuery(form!["request"].ToString());
        await clients.FindAsync(parameters.GetValueOrDefault(OAuthParameters.ClientId), ct);
        var outcome = AuthorizationRequestReader.Read(parameters, clients.Index, options.Value, issuer);
        if (outcome.PageError is { } pageError) return Pages.Error(pageError);
        if (outcome.RedirectError is { } redirect) return new FlowRedirect(redirect);
        var request = outcome.Request!;
        if (form["decision"] != "allow")
            return new FlowRedirect(AuthorizationRequestReader.ErrorRedirect(request.RedirectUri, OAuthErrors.AccessDenied, "the user denied access", request.State, issuer));

        if (CodeIssuer.SuspendedRefusal(request, user, denylist, issuer) is { } suspended) return new FlowRedirect(suspended);

        var now = clock.GetUtcNow();
        var scopes = CodeIssuer.Grantable(request, user);
        var earlier = await session.LoadAsync<Consent>(Consent.IdFor(user.Id, request.Client.Id), ct);
        session.Store(new Consent(Consent.IdFor(user.Id, request.Client.Id), user.Id, request.Client.Id, [.. scopes.Union(earlier?.Scopes ?? [])], now));
        return await CodeIssuer.RedirectWithCodeAsync(request, scopes, user, session, options.Value, now, issuer, ct);
    }
}
