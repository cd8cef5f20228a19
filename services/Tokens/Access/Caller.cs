using System.Security.Claims;
using Platform.Infrastructure.Authentication;

namespace Platform.Tokens.Access;

/// <summary>
/// Who calls a management endpoint, for which account and with which scopes: an API key
/// (<c>key:{id}</c>) or the holder of an access token (<c>user:{sub}</c>, <c>client:{id}</c>, or the key it was exchanged for).
/// </summary>
public sealed record Caller(string Actor, Guid AccountId, IReadOnlyList<string> Scopes)
{
    public const string AccountClaim = ManagementClaims.Account;
    public const string ScopeClaim = ManagementClaims.Scope;
    private const string UserPrefix = "user:";

    /// <summary>The sign-in (refresh family) a signed-in person's access token came from; null for keys and clients.</summary>
    public Guid? SignInId { get; init; }

    /// <summary>The person calling, when a signed-in user is: null for an API key or a client.</summary>
    public Guid? UserId => Actor.StartsWith(UserPrefix, StringComparison.Ordinal) && Guid.TryParse(Actor.AsSpan(UserPrefix.Length), out var id) ? id : null;

    /// <summary>Admin holds every scope but the operator's.</summary>
    public bool Holds(string scope) => Platform.Contracts.Scopes.Covers(Scopes, scope);

    public static string ActorFor(Guid userId) => $"{UserPrefix}{userId}";

    public static Caller From(ClaimsPrincipal user) =>
        new(ManagementClaims.ActorOf(user), ManagementClaims.AccountOf(user), ManagementClaims.ScopesOf(user)) { SignInId = ManagementClaims.SignInOf(user) };
}
