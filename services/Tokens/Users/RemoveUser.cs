using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Tokens;
using Platform.Infrastructure.Errors;
using Platform.Sdk.ResourceServer;
using Platform.Tokens.Access;
using Platform.Tokens.Authorize;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;
using Platform.Tokens.State;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Platform.Tokens.Users;

/// <summary>
/// Removes a person from the caller's account: their sign-ins end at once (every open refresh family, and so their
/// access tokens, on this replica before the answer and on the others when notified), and they can sign in no more.
/// </summary>
public static class RemoveUserEndpoint
{
    public const string SelfRemoval = "you cannot remove yourself; another admin of the account can";

    /// <summary>The pure check: nobody removes themself, so an account is not locked out by a slip of its last admin.</summary>
    public static Refusal? Refusal(AccountUser target, Caller caller) =>
        caller.UserId == target.Id ? ApiError.For(StatusCodes.Status409Conflict, SelfRemoval) : null;

    [Refuses(StatusCodes.Status400BadRequest, UserCommand.BadId)]
    [Refuses(StatusCodes.Status404NotFound, UserCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, SelfRemoval)]
    [WolverineDelete(UserCommand.Route)]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<(Results<AfterCommit<NoContent>, Refused>, IEnumerable<IMartenOp>, OutgoingMessages)> Delete(string id, ClaimsPrincipal user, IDocumentSession session,
        Denylist denylist, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (target, refused) = await UserCommand.LoadAsync(id, caller, session, ct);
        if (refused is not null) return (refused, [], []);
        if (Refusal(target!, caller) is { } self) return (ApiError.Result(self), [], []);

        var now = clock.GetUtcNow();
        var ended = SignIns.End(await SignIns.OpenAsync(session, target!.Id, target.AccountId, now, ct), keep: null, "user removed", caller.Actor, now);
        var userId = target.Id;
        // A login racing this fails its write (AccountUser is stored with optimistic concurrency), so the user stays gone.
        ended.Writes.Appends.AddRange([MartenOps.Delete(target), MartenOps.DeleteWhere<Consent>(c => c.UserId == userId)]);
        ended.Writes.Announcements.Add(new UserRemoved(Guid.CreateVersion7(), target.Id, target.AccountId, target.Email, caller.Actor, now));
        return (ended.After(TypedResults.NoContent(), denylist), ended.Writes.Appends, ended.Writes.Announcements);
    }
}
