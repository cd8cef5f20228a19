using Platform.Contracts;
using Platform.Keys.Verification;
using Platform.Infrastructure.Authentication;

namespace Platform.Keys.Access;

/// <summary>
/// Managing keys needs keys:manage (or admin, which holds every scope), held by the API key or by the
/// access token (a dashboard user's) the call comes with.
/// </summary>
public static class ManagementPolicy
{
    public const string Name = "keys:manage";
    public const string Scope = Scopes.KeysManage;

    /// <summary>The revocation feed: feeds:read, or anything that may manage (keys:manage, admin).</summary>
    public const string FeedReader = Scopes.FeedsRead;

    public static IHostApplicationBuilder AddKeyManagementAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JwksAccessTokenValidator>();
        builder.Services.AddSingleton<IAccessTokenValidator, KeyBackedTokens>();
        builder.Services.AddAccessTokensFromJwks();
        builder.Services.AddAuthentication(KeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null)
            .AddManagementCredentials(KeyAuthenticationHandler.SchemeName, Scope);
        builder.Services.AddAuthorizationBuilder()
            .AddAnyScopePolicy(Name, ManagementAuthentication.SchemeName, Scope, Scopes.Admin)
            .AddAnyScopePolicy(FeedReader, ManagementAuthentication.SchemeName, Scopes.FeedsRead, Scope, Scopes.Admin)
            .AddAccountPolicies();
        return builder;
    }
}
