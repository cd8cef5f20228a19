using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Platform.Keys.Accounts;

/// <summary>Open an account for a team: <paramref name="Name"/> is unique across the platform.</summary>
public sealed record OpenAccount(string Name);

public static class OpenAccountEndpoint
{
    public static IResult Validate(OpenAccount? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object")
        : AccountRules.Name(command.Name) is { } badName ? ApiError.BadRequest(badName)
        : WolverineContinue.Result();

    /// <summary>Operators only. The answer carries the account's first admin key (keys:manage), shown this once.</summary>
    [WolverinePost("/api/accounts")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static async Task<(IResult, OutgoingMessages)> Post(OpenAccount command, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<RotationPolicyOptions> policy, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await OperatorPolicy.RefuseUnlessOperatorAsync(caller, session, ct) is { } refusal) return (refusal, []);
        var name = command.Name.Trim();
        if (await session.Query<Account>().AnyAsync(a => a.Name == name, ct))
            return (ApiError.Result(StatusCodes.Status409Conflict, "an account with this name exists"), []);

        var opening = AccountOpening.Decide(Guid.CreateVersion7(), name, @operator: false, caller.Actor, clock.GetUtcNow());
        opening.StartStreams(session);
        OutgoingMessages messages = [.. opening.Announcements()];
        messages.Add(new MarkRotationDue(opening.Key.Id).ScheduledAt(opening.Key.CreatedAt + policy.Value.MaxAge));
        var account = opening.Account;
        return (Results.Created($"/api/accounts/{account.Id}", new OpenedAccount(AccountViews.View(account), opening.Issued)), messages);
    }
}
