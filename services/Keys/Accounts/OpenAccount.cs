using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.Accounts;

/// <summary>Open an account for a team: <paramref name="Name"/> is unique across the platform.</summary>
public sealed record OpenAccount(string Name);

public static class OpenAccountEndpoint
{
    public static IResult Validate(OpenAccount? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object")
        : AccountRules.Name(command.Name) is { } badName ? ApiError.BadRequest(badName)
        : WolverineContinue.Result();

    /// <summary>Operators first, so a team's credentials learn nothing of which names are taken; then the name's uniqueness.</summary>
    /// <remarks>Note: unique by this check, not a constraint: two concurrent opens of one name can both pass (docs/status.md).</remarks>
    public static async Task<IResult> Before(OpenAccount command, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await OperatorPolicy.RefuseUnlessOperatorAsync(Caller.From(user), session, ct) is { } refusal) return refusal;
        var name = command.Name.Trim();
        return await session.Query<Account>().AnyAsync(a => a.Name == name, ct)
            ? ApiError.Result(StatusCodes.Status409Conflict, "an account with this name exists")
            : WolverineContinue.Result();
    }

    /// <summary>Operators only. The answer carries the account's first admin key (keys:manage), shown this once.</summary>
    [Refuses(StatusCodes.Status409Conflict, "an account with this name exists")]
    [WolverinePost("/api/accounts")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static (Created<OpenedAccount>, IEnumerable<IMartenOp>, OutgoingMessages) Post(OpenAccount command, ClaimsPrincipal user, TimeProvider clock)
    {
        var opening = AccountOpening.Decide(Guid.CreateVersion7(), command.Name.Trim(), @operator: false, Caller.From(user).Actor, clock.GetUtcNow());
        var answer = TypedResults.Created($"/api/accounts/{opening.Account.Id}", new OpenedAccount(AccountViews.View(opening.Account), opening.Issued));
        return (answer, opening.Streams(), [.. opening.Announcements()]);
    }
}
