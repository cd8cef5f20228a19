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

    /// <summary>The sign-in (refresh family, the token's <c>fid</c>) a user's access token belongs to.</summary>
    public const string SignIn = "sign_in";

    public static ClaimsPrincipal Principal(string scheme, string actor, Guid account, IEnumerable<string> scopes, Guid? signIn = null)
    {
        var identity = new ClaimsIdentity([new Claim(Actor, actor), new Claim(Account, account.ToString()), .. scopes.Select(s => new Claim(Scope, s))], scheme);
        if (signIn is { } id) identity.AddClaim(new Claim(SignIn, id.ToString()));
        return new ClaimsPrincipal(identity);
    }

    public static string ActorOf(ClaimsPrincipal user) => user.FindFirstValue(Actor)!;

    public static Guid AccountOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Account)!);

    public static IReadOnlyList<string> ScopesOf(ClaimsPrincipal user) => [.. user.FindAll(Scope).Select(c => c.Value)];

    public static Guid? SignInOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(SignIn), out var id) ? id : null;
}
