using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts;
using Platform.Infrastructure.Authentication;

namespace Platform.Agents.Access;

/// <summary>
/// Who calls a management endpoint, for which account: an API key (<c>key:{id}</c>) or the holder of an
/// access token from Tokens (a dashboard user: <c>user:{sub}</c>), either with keys:manage (or admin).
/// </summary>
public sealed record ManagementCaller(string Actor, Guid AccountId)
{
    public const string Scope = Scopes.KeysManage;

    public static ManagementCaller From(ClaimsPrincipal user) => new(ManagementClaims.ActorOf(user), ManagementClaims.AccountOf(user));
}

/// <summary>
/// Management calls authenticate with the schemes Tokens and Audit use: an API key checked by Keys (its
/// 401 or 429 passed on), an access token here against Tokens' JWKS and revocation feed. Note: an agent
/// credential never manages agent credentials, not even its own children (it is not an API key).
/// </summary>
public static class AgentsManagement
{
    public const string Policy = "agents-manage";
    public const string FeedReader = "agents-feed";

    public static IHostApplicationBuilder AddManagementAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddApiKeys(ManagementCaller.Scope)
            .AddManagementCredentials(ApiKeyAuthenticationHandler.SchemeName, ManagementCaller.Scope);
        builder.Services.AddAuthorizationBuilder()
            .AddAnyScopePolicy(Policy, ManagementAuthentication.SchemeName, ManagementCaller.Scope, Scopes.Admin)
            .AddAnyScopePolicy(FeedReader, ManagementAuthentication.SchemeName, Scopes.FeedsRead, ManagementCaller.Scope, Scopes.Admin);
        return builder;
    }

    /// <summary>
    /// The caller of a route that also takes other credentials (minting under a key by id), checked by the
    /// same schemes as <see cref="Policy"/>; the refusal is the scheme's own 401 or 403.
    /// </summary>
    public static async Task<(ManagementCaller? Caller, IResult? Refusal)> AuthenticateAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ManagementAuthentication.SchemeName);
        if (!result.Succeeded) return (null, Results.Challenge(null, [ManagementAuthentication.SchemeName]));
        // The policy itself decides, so the scopes it admits are written once.
        var allowed = await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(result.Principal, Policy);
        if (!allowed.Succeeded) return (null, Results.Forbid(null, [ManagementAuthentication.SchemeName]));
        return (ManagementCaller.From(result.Principal), null);
    }
}
