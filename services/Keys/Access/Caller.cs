using System.Security.Claims;
using Platform.Infrastructure.Authentication;

namespace Platform.Keys.Access;

/// <summary>
/// Who is calling a management endpoint and for which account: an API key (<c>key:{id}</c>), or the
/// holder of an access token: a signed-in user (<c>user:{sub}</c>), a client, or the key it was exchanged for.
/// </summary>
public sealed record Caller(string Actor, Guid AccountId)
{
    public const string AccountClaim = ManagementClaims.Account;
    public const string ScopeClaim = ManagementClaims.Scope;

    public static Caller From(ClaimsPrincipal user) => new(ManagementClaims.ActorOf(user), ManagementClaims.AccountOf(user));
}
