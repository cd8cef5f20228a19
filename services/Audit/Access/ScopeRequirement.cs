using Microsoft.AspNetCore.Authorization;
using Platform.Contracts;

namespace Platform.Audit.Access;

/// <summary>
/// Met by a caller holding any of <see cref="AnyOf"/> (admin covers each but the operator's accounts:manage);
/// <see cref="Named"/> is how a 403 names what is missing (<see cref="ScopeRefusals"/>).
/// </summary>
public sealed class ScopeRequirement(string named, params string[] anyOf) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Named => named;

    public IReadOnlyList<string> AnyOf => anyOf;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var held = context.User.FindAll(AuditCaller.ScopeClaim).Select(c => c.Value).ToList();
        if (requirement.AnyOf.Any(scope => Scopes.Covers(held, scope))) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
