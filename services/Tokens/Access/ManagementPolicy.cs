using Microsoft.AspNetCore.Authentication;
using Platform.Contracts;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;
using Platform.Tokens.State;

namespace Platform.Tokens.Access;

/// <summary>
/// Managing clients and users needs keys:manage (or admin) of the owning account, held by an API key
/// or by an access token (a dashboard user's), which Tokens checks against its own state.
/// </summary>
public static class ManagementPolicy
{
    public const string Name = "keys:manage";
    public const string Scope = Scopes.KeysManage;

    /// <summary>
    /// Reading the account's people (for names in the console) and a person's own sign-ins and password: anyone who
    /// may manage, and auditors (audit:read), who read everything and change nothing but their own password and sessions.
    /// </summary>
    public const string Reader = "people:read";

    /// <summary>The revocation feed: feeds:read, or anything that may manage (keys:manage, admin).</summary>
    public const string FeedReader = Scopes.FeedsRead;

    public static IHostApplicationBuilder AddManagementAccess(this IHostApplicationBuilder builder)
    {
        // No default scheme: only endpoints that name this policy call the Keys service.
        builder.Services.AddSingleton<IAccessTokenValidator, OwnAccessTokens>();
        builder.Services.AddAuthentication()
            // Keys suspends the account's keys with it; the account's own signal may reach us first.
            .AddApiKeys(Scope, (context, account) => context.RequestServices.GetRequiredService<Denylist>().IsSuspended(account)
                ? ApiError.For(StatusCodes.Status401Unauthorized, Grants.ApiKeyExchange.SuspendedKey) : null)
            .AddManagementCredentials(ApiKeyAuthenticationHandler.SchemeName, Scope);
        builder.Services.AddAuthorizationBuilder()
            .AddAnyScopePolicy(Name, ManagementAuthentication.SchemeName, Scope, Scopes.Admin)
            .AddAnyScopePolicy(Reader, ManagementAuthentication.SchemeName, Scope, Scopes.Admin, Scopes.AuditRead)
            .AddAnyScopePolicy(FeedReader, ManagementAuthentication.SchemeName, Scopes.FeedsRead, Scope, Scopes.Admin);
        return builder;
    }
}
