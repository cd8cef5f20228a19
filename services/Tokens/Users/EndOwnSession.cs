using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;
using Platform.Tokens.State;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Platform.Tokens.Users;

/// <summary>
/// Ends one of the caller's own sign-ins (the current one included: that is signing out). Another person's, or one
/// that does not exist, answers 404 alike; one that has ended already answers 204 again, as RFC 7009 revocation does.
/// </summary>
public static class EndOwnSessionEndpoint
{
    public const string Missing = "no such sign-in of the caller";

    [Refuses(StatusCodes.Status400BadRequest, "id is not a session id")]
    [Refuses(StatusCodes.Status404NotFound, Missing)]
    [Refuses(StatusCodes.Status409Conflict, "a refresh of that sign-in raced this")]
    [WolverineDelete(UserCommand.Me + "/sessions/{id}")]
    [Authorize(Policy = ManagementPolicy.Reader)]
    public static async Task<(Results<AfterCommit<NoContent>, Refused>, IEnumerable<IMartenOp>, OutgoingMessages)> Delete(string id, ClaimsPrincipal user, IQuerySession session,
        Denylist denylist, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (caller.UserId is not { } userId) return (ApiError.NotFound(UserCommand.NotAPerson), [], []);
        if (!Guid.TryParse(id, out var familyId)) return (ApiError.BadRequest("id must be a session id"), [], []);
        // The empty Guid is no family, and Marten refuses it as a stream id.
        var family = familyId == Guid.Empty ? null : await session.LoadAsync<RefreshFamily>(familyId, ct);
        if (family is null || family.Subject != userId.ToString() || family.AccountId != caller.AccountId) return (ApiError.NotFound($"no session {familyId}"), [], []);

        var ending = RevokeFamily.Decide(family, "ended by the user", caller.Actor, clock.GetUtcNow())!;
        return (new AfterCommit<NoContent>(() => denylist.SetFamily(ending.FamilyId, ending.RevokedAt), TypedResults.NoContent()), ending.Writes.Appends, ending.Writes.Announcements);
    }
}
