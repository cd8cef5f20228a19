using System.Security.Claims;
using Platform.Contracts;

namespace Platform.Dashboard.Access;

/// <summary>
/// Which sections a sign-in may use, from the scopes Tokens granted it: managers (keys:manage or admin) change
/// things; auditors (audit:read) read keys, usage and the audit log and change nothing.
/// </summary>
/// <remarks>Note: this only decides what the console shows. Every service checks the scope on every call.</remarks>
public static class Abilities
{
    public static bool Manages(ClaimsPrincipal user) => Has(user, Scopes.KeysManage) || Has(user, Scopes.Admin);

    public static bool Audits(ClaimsPrincipal user) => Manages(user) || Has(user, Scopes.AuditRead) || Operators.Holds(user);

    private static bool Has(ClaimsPrincipal user, string scope) => user.HasClaim(DashboardSignIn.ScopeClaim, scope);
}
