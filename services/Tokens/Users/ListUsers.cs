using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Tokens.Access;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Users;

public sealed record UserList(IReadOnlyList<UserView> Items);

public static class ListUsersEndpoint
{
    /// <summary>An account has people, not thousands: one page holds them all, up to this many.</summary>
    public const int MaxUsers = 1000;

    /// <summary>The people of the caller's account, oldest first; never a password hash.</summary>
    [WolverineGet("/api/users")]
    [Authorize(Policy = ManagementPolicy.Reader)]
    public static async Task<Ok<UserList>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = Caller.From(user).AccountId;
        var users = await session.Query<AccountUser>().Where(u => u.AccountId == account)
            .OrderBy(u => u.CreatedAt).Take(MaxUsers).ToListAsync(ct);
        return TypedResults.Ok(new UserList([.. users.Select(UserView.From)]));
    }
}
