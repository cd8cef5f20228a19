using Platform.Contracts;
using Platform.ServiceDefaults;

namespace Platform.Keys.Access;

/// <summary>Managing keys needs a key with keys:manage (or admin, which holds every scope).</summary>
public static class ManagementPolicy
{
    public const string Name = "keys:manage";
    public const string Scope = Scopes.KeysManage;

    /// <summary>The revocation feed: feeds:read, or anything that may manage (keys:manage, admin).</summary>
    public const string FeedReader = Scopes.FeedsRead;

    public static IHostApplicationBuilder AddKeyManagementAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(KeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddAnyScopePolicy(Name, KeyAuthenticationHandler.SchemeName, Scope, Scopes.Admin)
            .AddAnyScopePolicy(FeedReader, KeyAuthenticationHandler.SchemeName, Scopes.FeedsRead, Scope, Scopes.Admin);
        return builder;
    }
}
