using Microsoft.AspNetCore.Authentication;
using Platform.Contracts;
using Platform.ServiceDefaults;

namespace Platform.Tokens.Access;

/// <summary>Managing clients and users needs an API key of the owning account with keys:manage (or admin).</summary>
public static class ManagementPolicy
{
    public const string Name = "keys:manage";
    public const string Scope = Scopes.KeysManage;

    public static IHostApplicationBuilder AddManagementAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceClient<KeysClient>("keys-api");
        // No default scheme: only endpoints that name this policy call the Keys service.
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy
            .AddAuthenticationSchemes(KeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasClaim(Caller.ScopeClaim, Scope) || context.User.HasClaim(Caller.ScopeClaim, Scopes.Admin)));
        return builder;
    }
}
