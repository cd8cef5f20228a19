using Microsoft.AspNetCore.Authentication;
using Platform.Contracts;
using Platform.ServiceDefaults;

namespace Platform.Tokens.Access;

/// <summary>Managing clients and users needs an API key of the owning account with keys:manage (or admin).</summary>
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
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddAnyScopePolicy(Name, KeyAuthenticationHandler.SchemeName, Scope, Scopes.Admin)
            .AddAnyScopePolicy(FeedReader, KeyAuthenticationHandler.SchemeName, Scopes.FeedsRead, Scope, Scopes.Admin);
        return builder;
    }
}
