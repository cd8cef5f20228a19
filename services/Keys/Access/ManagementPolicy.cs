using Platform.Contracts;

namespace Platform.Keys.Access;

/// <summary>Managing keys needs a key with keys:manage (or admin, which holds every scope).</summary>
public static class ManagementPolicy
{
    public const string Name = "keys:manage";
    public const string Scope = Scopes.KeysManage;

    public static IHostApplicationBuilder AddKeyManagementAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(KeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy
            .AddAuthenticationSchemes(KeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasClaim(Caller.ScopeClaim, Scope) || context.User.HasClaim(Caller.ScopeClaim, Scopes.Admin)));
        return builder;
    }
}
