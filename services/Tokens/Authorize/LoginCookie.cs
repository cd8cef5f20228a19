using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Marten;
using Platform.Tokens.Users;

namespace Platform.Tokens.Authorize;

/// <summary>The sign-in session on the authorization server's own pages (protected by Data Protection, shared by replicas).</summary>
public static class LoginCookie
{
    public const string Scheme = "TokensLogin";
    public const string AccountClaim = "account";
    public const string StampClaim = "stamp";

    public static IHostApplicationBuilder AddLoginCookie(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "platform.login";
            options.Cookie.HttpOnly = true;
            // Lax: the cookie must come along on the top-level GET from the client back to /oauth/authorize.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(1);
            options.SlidingExpiration = false;
        });
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "platform.antiforgery");
        return builder;
    }

    public static Task SignInAsync(HttpContext http, AccountUser user) => http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Email, user.Email), new Claim(AccountClaim, user.AccountId.ToString()),
            new Claim(StampClaim, user.SecurityStamp)], Scheme)));

    /// <summary>
    /// The signed-in user, or null: none signed in, removed since, their password changed since (another stamp), or a
    /// new password required of them, which only the login page's change form gives.
    /// </summary>
    public static async Task<AccountUser?> UserAsync(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded || !Guid.TryParse(result.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        var user = await session.LoadAsync<AccountUser>(id, ct);
        return user is { MustChangePassword: false } && user.SecurityStamp == (result.Principal.FindFirstValue(StampClaim) ?? "") ? user : null;
    }
}
