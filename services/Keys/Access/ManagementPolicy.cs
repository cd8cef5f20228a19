using Platform.Contracts;

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
        builder.Services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy
            .AddAuthenticationSchemes(KeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasClaim(Caller.ScopeClaim, Scope) || context.User.HasClaim(Caller.ScopeClaim, Scopes.Admin)));
        builder.Services.AddAuthorizationBuilder().AddPolicy(FeedReader, policy => policy
            .AddAuthenticationSchemes(KeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => new[] { Scopes.FeedsRead, Scope, Scopes.Admin }.Any(s => context.User.HasClaim(Caller.ScopeClaim, s))));
        return builder;
    }
}
