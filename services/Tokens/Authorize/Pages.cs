using System.Text.Encodings.Web;

namespace Platform.Tokens.Authorize;

/// <summary>
/// The login, consent and error pages: plain server-rendered HTML, every value encoded, no script.
/// Note: framing is refused (X-Frame-Options, CSP frame-ancestors) so consent cannot be clickjacked.
/// </summary>
public static class Pages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult Login(string returnUrl, string antiforgery, string? problem, string? email = null) => Page("Sign in", $"""
        <h1>Sign in</h1>
        {Problem(problem)}
        <form method="post" action="/oauth/login">
          <input type="hidden" name="__RequestVerificationToken" value="{Html.Encode(antiforgery)}">
          <input type="hidden" name="return_url" value="{Html.Encode(returnUrl)}">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value="{Html.Encode(email ?? "")}">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>
          <button type="submit">Sign in</button>
        </form>
        """, problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    public static IResult Consent(AuthorizationRequest request, string query, string email, string antiforgery) => Page("Allow access", $"""
        <h1>Allow {Html.Encode(request.Client.Name)} to access your account?</h1>
        <p>Signed in as {Html.Encode(email)}. It asks for:</p>
        <ul>{string.Concat(request.Scopes.Select(s => $"<li><code>{Html.Encode(s)}</code></li>"))}</ul>
        <form method="post" action="/oauth/consent">
          <input type="hidden" name="__RequestVerificationToken" value="{Html.Encode(antiforgery)}">
          <input type="hidden" name="request" value="{Html.Encode(query)}">
          <button type="submit" name="decision" value="allow">Allow</button>
          <button type="submit" name="decision" value="deny">Deny</button>
        </form>
        """, StatusCodes.Status200OK);

    public static IResult SignedOut() =>
        Page("Signed out", "<h1>You are signed out</h1><p>The next application that asks will need your password again.</p>", StatusCodes.Status200OK);

    public static IResult Error(string message, int status = StatusCodes.Status400BadRequest) =>
        Page("Cannot continue", $"<h1>This sign-in request cannot continue</h1>{Problem(message)}", status);

    private static string Problem(string? message) => message is null ? "" : $"<p role=\"alert\" class=\"problem\">{Html.Encode(message)}</p>";

    private static IResult Page(string title, string body, int status) => new HtmlPage($$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Html.Encode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin:.4rem 0}
        input{padding:.5rem}button{padding:.6rem;margin-top:1rem}.problem{color:#a00}</style></head>
        <body><main>{{body}}</main></body></html>
        """, status);

    private sealed class HtmlPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(html, "text/html; charset=utf-8", statusCode: status).ExecuteAsync(http);
        }
    }
}
