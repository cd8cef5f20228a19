using Microsoft.AspNetCore.Authentication;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.AccessTokens;

namespace Platform.Tokens.Access;

/// <summary>
/// Managing clients and users needs keys:manage (or admin) of the owning account, held by an API key
/// or by an access token (a dashboard user's), which Tokens checks against its own state.
/// </summary>
public static class ManagementPolicy
{
    public const string Name = "keys:manage";
    public const string Scope = Scopes.KeysManage;

    /// <summary>The revocation feed: feeds:read, or anything that may manage (keys:manage, admin).</summary>
    public const string FeedReader = Scopes.FeedsRead;

    public static IHostApplicationBuilder AddManagementAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceClient<KeysClient>("keys-api");
        // No default scheme: only endpoints that name this policy call the Keys service.
        builder.Services.AddSingleton<IAccessTokenValidator, OwnAccessTokens>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null)
            .AddManagementCredentials(KeyAuthenticationHandler.SchemeName, Scope);
        builder.Services.AddAuthorizationBuilder()
            .AddAnyScopePolicy(Name, ManagementAuthentication.SchemeName, Scope, Scopes.Admin)
            .AddAnyScopePolicy(FeedReader, ManagementAuthentication.SchemeName, Scopes.FeedsRead, Scope, Scopes.Admin);
        return builder;
    }
}
