using System.Security.Claims;
using Platform.Infrastructure.Authentication;

namespace Platform.Audit.Access;

/// <summary>
/// Who is reading the audit log or managing webhooks, and for which account: an API key (<c>key:{id}</c>)
/// or the holder of an access token (a dashboard user: <c>user:{sub}</c>).
/// </summary>
public sealed record AuditCaller(string Actor, Guid AccountId)
{
    public const string AccountClaim = ManagementClaims.Account;
    public const string ScopeClaim = ManagementClaims.Scope;

    public static AuditCaller From(ClaimsPrincipal user) => new(ManagementClaims.ActorOf(user), ManagementClaims.AccountOf(user));
}
