using Microsoft.AspNetCore.Authorization;

namespace Platform.Infrastructure.Authentication;

public static class ScopePolicies
{
    /// <summary>The <c>scope</c> claim an API-key authentication handler gives each of the key's scopes.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>A policy met by a caller authenticated with <paramref name="scheme"/> holding any one of <paramref name="scopes"/>.</summary>
    public static AuthorizationBuilder AddAnyScopePolicy(this AuthorizationBuilder builder, string name, string scheme, params string[] scopes) =>
        builder.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => scopes.Any(scope => context.User.HasClaim(ScopeClaim, scope))));
}
