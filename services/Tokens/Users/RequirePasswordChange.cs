using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Tokens;
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
/// The person's next sign-in must choose a new password on the login page before the flow goes on; their sign-ins
/// end now, so the change takes effect at once rather than when their refresh tokens run out.
/// </summary>
public static class RequirePasswordChangeEndpoint
{
    /// <summary>
    /// The pure decision. The stamp changes too: a login cookie from before no longer signs them straight in, and
    /// a change form opened before this cannot be used.
    /// </summary>
    public static AccountUser Decide(AccountUser user) => user with { MustChangePassword = true, SecurityStamp = AccountUser.NewStamp() };

    [Refuses(StatusCodes.Status400BadRequest, UserCommand.BadId)]
    [Refuses(StatusCodes.Status404NotFound, UserCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, "a concurrent change to the user won")]
    [WolverinePost(UserCommand.Route + "/require-password-change")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<(Results<AfterCommit<Ok<UserView>>, Refused>, IEnumerable<IMartenOp>, OutgoingMessages)> Post(string id, ClaimsPrincipal user, IDocumentSession session,
        Denylist denylist, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (target, refused) = await UserCommand.LoadAsync(id, caller, session, ct);
        if (refused is not null) return (refused, [], []);

        var now = clock.GetUtcNow();
        var required = Decide(target!);
        var ended = SignIns.End(await SignIns.OpenAsync(session, required.Id, required.AccountId, now, ct), keep: null, "password change required", caller.Actor, now);
        // Updated, never upserted: at the version read, so it neither overwrites a concurrent change nor brings back a removed user.
        ended.Writes.Appends.Add(MartenOps.Update(required));
        ended.Writes.Announcements.Add(new UserPasswordChangeRequired(Guid.CreateVersion7(), required.Id, required.AccountId, caller.Actor, now));
        return (ended.After(TypedResults.Ok(UserView.From(required)), denylist), ended.Writes.Appends, ended.Writes.Announcements);
    }
}
