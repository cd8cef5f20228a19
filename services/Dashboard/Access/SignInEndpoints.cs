using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Platform.Dashboard.Access;

public static class SignInEndpoints
{
    public static WebApplication MapSignInEndpoints(this WebApplication app)
    {
        app.MapGet("/signin", (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = ReturnUrl.Resolve(returnUrl) }, [DashboardSignIn.PlatformScheme]));

        // POST with an antiforgery token: a cross-site page must not be able to sign people out.
        // Then the login pages' own session ends too, or the next sign-in would need no password.
        app.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery, SessionTokens tokens, IOptions<DashboardOptions> options) =>
        {
            if (!await SignOutForm.IsValidAsync(context, antiforgery)) return Results.BadRequest();
            if (context.User.FindFirstValue(DashboardSignIn.SessionClaim) is { } sid) await tokens.EndAsync(sid, context.RequestAborted);
            await context.SignOutAsync(DashboardSignIn.CookieScheme);
            var platform = new Uri(options.Value.PlatformUrl);
            var back = new Uri(platform, $"{context.Request.PathBase}/signed-out");
            return Results.Redirect(new Uri(platform, $"/oauth/logout?client_id={Uri.EscapeDataString(options.Value.ClientId)}&post_logout_redirect_uri={Uri.EscapeDataString(back.ToString())}").ToString());
        }).DisableAntiforgery();

        // "failed" is read as text: the sign-in sends failed=1, and whatever a person types there is no error.
        app.MapGet("/signed-out", (HttpContext context, string? failed) =>
                Results.Content(SignedOutPage(context.Request.PathBase, failed is "1" or "true"), "text/html"))
            .AllowAnonymous();
        return app;
    }

    private static string SignedOutPage(PathString pathBase, bool failed) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Signed out · Platform console</title><link rel="stylesheet" href="{{pathBase}}/app.css"></head>
        <body><main class="narrow"><h1>{{(failed ? "Sign-in did not complete" : "You are signed out")}}</h1>
        <p>{{(failed ? "The sign-in was cancelled or could not be completed." : "Your session has ended and its tokens were revoked.")}}</p>
        <p><a class="button" href="{{pathBase}}/signin">Sign in</a></p></main></body></html>
        """;
}
