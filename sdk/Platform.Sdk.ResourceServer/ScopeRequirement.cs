using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Platform.Sdk.ResourceServer.Credentials;

namespace Platform.Sdk.ResourceServer;

/// <summary>The caller's credential must hold <see cref="Scope"/> (admin holds every scope).</summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope => scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        if (context.User.HasScope(requirement.Scope)) context.Succeed(requirement);
        else if (context.Resource is HttpContext http) http.Items[PlatformAuthenticationHandler.MissingScopeItem] = requirement.Scope;
        return Task.CompletedTask;
    }
}
