using System.Security.Claims;

namespace Platform.Infrastructure.Authentication;

/// <summary>
/// The principal of a management call, whichever credential it came with: who acts (as events record
/// it: <c>key:{id}</c>, <c>user:{sub}</c> or <c>client:{client_id}</c>), for which account, with which scopes.
/// </summary>
public static class ManagementClaims
{
    public const string Actor = "actor";
    public const string Account = "account";
    public const string Scope = ScopePolicies.ScopeClaim;

    public static ClaimsPrincipal Principal(string scheme, string actor, Guid account, IEnumerable<string> scopes) =>
        new(new ClaimsIdentity(
            [new Claim(Actor, actor), new Claim(Account, account.ToString()), .. scopes.Select(s => new Claim(Scope, s))], scheme));

    public static string ActorOf(ClaimsPrincipal user) => user.FindFirstValue(Actor)!;

    public static Guid AccountOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Account)!);

    public static IReadOnlyList<string> ScopesOf(ClaimsPrincipal user) => [.. user.FindAll(Scope).Select(c => c.Value)];
}
