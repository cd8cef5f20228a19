using System.Security.Claims;

namespace Platform.Tokens.Access;

/// <summary>Who calls a management endpoint: the API key they authenticated with, its account and scopes.</summary>
public sealed record Caller(Guid KeyId, Guid AccountId, IReadOnlyList<string> Scopes)
{
    public const string AccountClaim = "account";
    public const string ScopeClaim = ServiceDefaults.ScopePolicies.ScopeClaim;

    public string Actor => $"key:{KeyId}";

    /// <summary>Admin holds every scope.</summary>
    public bool Holds(string scope) => Scopes.Contains(scope) || Scopes.Contains(Platform.Contracts.Scopes.Admin);

    public static Caller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(AccountClaim)!),
        user.FindAll(ScopeClaim).Select(c => c.Value).ToList());
}
