using System.Security.Claims;

namespace Platform.Audit.Access;

/// <summary>Who is reading the audit log: the key they authenticated with and the account it belongs to.</summary>
public sealed record AuditCaller(Guid KeyId, Guid AccountId)
{
    public const string AccountClaim = "account";
    public const string ScopeClaim = "scope";

    public string Actor => $"key:{KeyId}";

    public static AuditCaller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(AccountClaim)!));
}
