using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Tokens.Users;

namespace Platform.Tokens.Authorize;

/// <summary>The sign-in session on the authorization server's own pages (protected by Data Protection, shared by replicas).</summary>
public static class LoginCookie
{
    public const string Scheme = "TokensLogin";
    public const string AccountClaim = "account";

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
        [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Email, user.Email), new Claim(AccountClaim, user.AccountId.ToString())], Scheme)));

    /// <summary>The signed-in user's id and email, or null.</summary>
    public static async Task<(Guid UserId, string Email)?> ReadAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded || !Guid.TryParse(result.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        return (id, result.Principal.FindFirstValue(ClaimTypes.Email) ?? "");
    }
}
