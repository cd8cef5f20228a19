using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Accounts;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Platform.Keys.Accounts;

public sealed record SuspendAccount(string Reason);

public static class SuspendAccountEndpoint
{
    public static IResult Validate(SuspendAccount? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object")
        : KeyRules.Reason(command.Reason) is { } error ? ApiError.BadRequest(error)
        : WolverineContinue.Result();

    /// <summary>
    /// Operators only. Every credential of the account stops within the revocation bound: its keys here (each
    /// suspended in its own stream, in this transaction), its access tokens and agent credentials through the
    /// account's signal to Tokens and Agents. A second request while suspended changes nothing.
    /// </summary>
    [WolverinePost("/api/accounts/{id}/suspend")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static async Task<(IResult, OutgoingMessages)> Post(string id, SuspendAccount command, ClaimsPrincipal user, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (problem, stream) = await AccountCommand.LoadAsync(id, caller, http, session, ct);
        if (problem is not null) return (problem, []);
        var account = stream!.Aggregate!;
        var now = clock.GetUtcNow();
        if (Decide(account, command, caller.Actor, now) is not { } e)
            return (account.Operator ? ApiError.Result(StatusCodes.Status409Conflict, "an operator account cannot be suspended") : AccountViews.Ok(http, account), []);

        stream.AppendOne(e);
        OutgoingMessages messages = [new AccountSuspended(Guid.CreateVersion7(), account.Id, e.Reason, caller.Actor, now) { SourceVersion = account.Version + 1 }];
        messages.AddRange(await AccountKeys.SuspendAsync(session, account.Id, e.Reason, caller.Actor, now, ct));
        // A key issued while this ran (its transaction unseen by the query above) is caught once this one has committed.
        messages.Add(new SweepSuspendedAccount(account.Id));
        return (AccountViews.Ok(http, account.Apply(e) with { Version = account.Version + 1 }), messages);
    }

    /// <summary>The event, or null when there is nothing to do (already suspended) or it may not be done (the operator account).</summary>
    public static AccountWasSuspended? Decide(Account account, SuspendAccount command, string actor, DateTimeOffset now) =>
        account.Operator || account.Status == AccountStatus.Suspended ? null : new AccountWasSuspended(account.Id, command.Reason.Trim(), actor, now);
}
