using Microsoft.AspNetCore.Authentication;
using Platform.Tokens.Clients;
using Wolverine.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Tokens.Authorize;

public static class LogoutEndpoint
{
    public const string Path = "/oauth/logout";

    /// <summary>
    /// Ends the sign-in session of the login pages, so the next authorization asks for the password again
    /// (a client's own sign-out is incomplete without it: the next authorize would sign straight back in).
    /// The way back (<c>post_logout_redirect_uri</c>) must be at the origin of one of the client's registered
    /// redirect URIs, never anywhere else. A forged link can only sign someone out, so no confirmation is asked.
    /// </summary>
    // A browser's page (sign-in, consent, redirects), not an API: left out of the OpenAPI document (docs/tokens.md).
    [ExcludeFromDescription]
    [WolverineGet(Path)]
    public static async Task<IResult> Get(HttpContext http, ClientLookup clients, string? client_id, string? post_logout_redirect_uri, CancellationToken ct)
    {
        await http.SignOutAsync(LoginCookie.Scheme);
        if (post_logout_redirect_uri is null) return Pages.SignedOut();
        if ((await clients.FindAsync(client_id, ct)).Value is not { Status: ClientStatus.Active } client) return Pages.Error("The application that signed you out is not known; you are signed out");
        if (!Uri.TryCreate(post_logout_redirect_uri, UriKind.Absolute, out var back) || back.Scheme is not ("https" or "http")
            || !client.RedirectUris.Any(r => Uri.TryCreate(r, UriKind.Absolute, out var registered) && SameOrigin(registered, back)))
            return Pages.Error("The address to return to is not one of the application's; you are signed out");
        return new FlowRedirect(back.ToString());
    }

    private static bool SameOrigin(Uri a, Uri b) => Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
