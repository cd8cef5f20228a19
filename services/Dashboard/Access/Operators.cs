using System.Security.Claims;
using Platform.Contracts;

namespace Platform.Dashboard.Access;

/// <summary>Who sees the operators' section: a sign-in Tokens granted accounts:manage, which only the operator account's people hold.</summary>
/// <remarks>Note: this only decides what the console shows. Keys checks the scope and the caller's account on every call.</remarks>
public static class Operators
{
    public static bool Holds(ClaimsPrincipal user) => user.HasClaim(DashboardSignIn.ScopeClaim, Scopes.AccountsManage);

    /// <summary>Scopes only an operator may give; the console offers them only to a sign-in that holds them.</summary>
    public static bool MayOffer(ClaimsPrincipal? user, string scope) => !Scopes.OperatorOnly.Contains(scope) || user?.HasClaim(DashboardSignIn.ScopeClaim, scope) == true;
}
