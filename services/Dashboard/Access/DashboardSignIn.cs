using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace Platform.Dashboard.Access;

/// <summary>
/// Signing in: a cookie for the browser, the platform's authorization server for the sign-in itself.
/// There is no second login system: the login page, lockout and password rules are Tokens'.
/// </summary>
public static class DashboardSignIn
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string PlatformScheme = "platform";
    public const string SessionClaim = "sid";
    public const string AccountClaim = "account";
    public const string ScopeClaim = "scope";

    public static IHostApplicationBuilder AddDashboardSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => Uri.TryCreate(o.PlatformUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Dashboard:PlatformUrl must be the platform's public URL (http or https)")
            .ValidateOnStart();
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieScheme;
                options.DefaultChallengeScheme = PlatformScheme;
            })
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "platform_dashboard";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                // A session ended elsewhere (signed out in another tab, refresh refused) ends here too.
                options.Events.OnValidatePrincipal = async context =>
                {
                    var tokens = context.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
                    if (context.Principal?.FindFirstValue(SessionClaim) is not { } sid || !await tokens.ExistsAsync(sid, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieScheme);
                    }
                };
            })
            .AddOAuth<OAuthOptions, PublicClientOAuthHandler>(PlatformScheme, _ => { });

        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<DashboardOptions>>((cookie, dashboard) => cookie.ExpireTimeSpan = dashboard.Value.SessionIdle);
        builder.Services.AddOptions<OAuthOptions>(PlatformScheme)
            .Configure<IOptions<DashboardOptions>>((oauth, dashboard) =>
            {
                var settings = dashboard.Value;
                oauth.ClientId = settings.ClientId;
                oauth.ClientSecret = PublicClientOAuthHandler.NoSecret;
                oauth.AuthorizationEndpoint = new Uri(new Uri(settings.PlatformUrl), "/oauth/authorize").ToString();
                oauth.TokenEndpoint = new Uri(settings.Api, "/oauth/token").ToString();
                oauth.CallbackPath = "/signin-oauth";
                oauth.UsePkce = true;
                // The callback is a top-level GET from Tokens' origin: Lax cookies travel with it, and over
                // plain http in development a Secure one would not be stored at all.
                oauth.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oauth.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oauth.SaveTokens = false;
                oauth.Scope.Clear();
                foreach (var scope in settings.Scopes) oauth.Scope.Add(scope);
                oauth.Events.OnCreatingTicket = OnSignedIn;
                oauth.Events.OnRemoteFailure = context =>
                {
                    // The user denied consent, or the code could not be redeemed: say so, without details.
                    context.Response.Redirect($"{context.Request.PathBase}/signed-out?failed=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>Keep the tokens server-side and put only the session id and who signed in in the cookie.</summary>
    private static async Task OnSignedIn(OAuthCreatingTicketContext context)
    {
        var tokens = context.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
        if (context.AccessToken is not { } access || context.RefreshToken is not { } refresh)
        {
            context.Fail("the authorization server returned no refresh token");
            return;
        }
        var session = await tokens.StartAsync(access, refresh, context.ExpiresIn, context.HttpContext.RequestAborted);
        if (session is null)
        {
            context.Fail("the access token names no account");
            return;
        }
        var identity = context.Identity!;
        identity.AddClaim(new Claim(SessionClaim, session.Id));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, session.Subject));
        identity.AddClaim(new Claim(AccountClaim, session.AccountId.ToString()));
        foreach (var scope in session.Scopes) identity.AddClaim(new Claim(ScopeClaim, scope));
        if ((session.Email ?? await SignedInPerson.EmailAsync(context.HttpContext.RequestServices, access, context.HttpContext.RequestAborted)) is { } email)
            identity.AddClaim(new Claim(ClaimTypes.Name, email));
    }
}
