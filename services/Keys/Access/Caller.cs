using System.Security.Claims;

namespace Platform.Keys.Access;

/// <summary>Who is calling a management endpoint: the key they authenticated with and its account.</summary>
public sealed record Caller(Guid KeyId, Guid AccountId)
{
    public const string AccountClaim = "account";
    public const string ScopeClaim = ServiceDefaults.ScopePolicies.ScopeClaim;

    /// <summary>How events name this caller as their actor.</summary>
    public string Actor => $"key:{KeyId}";

    public static Caller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(AccountClaim)!));
}
