using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Tokens.Authorize.Views;

namespace Platform.Tokens.Authorize;

/// <summary>
/// The login, change-password, consent and error pages: Razor components (Views/) rendered on the server, every value encoded by
/// the renderer, no script. Note: framing is refused (X-Frame-Options, CSP frame-ancestors) so consent cannot be clickjacked.
/// </summary>
public static class Pages
{
    public static IResult Login(string returnUrl, string antiforgery, string? problem, string? email = null) =>
        Page<LoginPage>(new { ReturnUrl = returnUrl, Antiforgery = antiforgery, ProblemMessage = problem, Email = email },
            problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    /// <summary>The form a user who must choose a new password gets after the right one; <paramref name="ticket"/> says who they are (<see cref="PasswordTicket"/>).</summary>
    public static IResult ChangePassword(string returnUrl, string antiforgery, string ticket, string? problem) =>
        Page<ChangePasswordPage>(new { ReturnUrl = returnUrl, Antiforgery = antiforgery, Ticket = ticket, ProblemMessage = problem },
            problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    public static IResult Consent(AuthorizationRequest request, string query, string email, string antiforgery) =>
        Page<ConsentPage>(new { ClientName = request.Client.Name, Scopes = (IReadOnlyList<string>)request.Scopes, Email = email, Query = query, Antiforgery = antiforgery },
            StatusCodes.Status200OK);

    public static IResult SignedOut() => Page<SignedOutPage>(new { }, StatusCodes.Status200OK);

    public static IResult Error(string message, int status = StatusCodes.Status400BadRequest) => Page<ErrorPage>(new { Message = message }, status);

    private static IResult Page<TPage>(object parameters, int status) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new HtmlPage(new RazorComponentResult<TPage>(parameters) { StatusCode = status });

    private sealed class HtmlPage(IResult page) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            return page.ExecuteAsync(http);
        }
    }
}
