using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Accounts;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.Accounts;

public sealed record SuspendAccount(string Reason);

public static class SuspendAccountEndpoint
{
    public static IResult Validate(SuspendAccount? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object")
        : KeyRules.Reason(command.Reason) is { } error ? ApiError.BadRequest(error)
        : WolverineContinue.Result();

    public static Task<IResult> Before(Account? account, HttpContext http, IDocumentSession session, CancellationToken ct) =>
        AccountCommand.AdmitAsync(account, http, session, ct);

    public static Task<IReadOnlyList<ApiKey>> LoadAsync(Account account, IDocumentSession session, CancellationToken ct) =>
        AccountKeys.ActiveAsync(session, account.Id, ct);

    /// <summary>
    /// Operators only. Every credential of the account stops within the revocation bound: its keys here (each
    /// suspended in its own stream, in this transaction), its access tokens and agent credentials through the
    /// account's signal to Tokens and Agents. A second request while suspended changes nothing.
    /// </summary>
    [Refuses(StatusCodes.Status404NotFound, AccountCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, AccountCommand.Conflict)]
    [WolverinePost(AccountCommand.Route + "/suspend")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static (Results<Ok<AccountView>, Refused>, Events, OutgoingMessages, IEnumerable<IMartenOp>) Post(
        SuspendAccount command, [WriteAggregate(Required = false)] Account account, IReadOnlyList<ApiKey> activeKeys, HttpContext http, TimeProvider clock)
    {
        var actor = Caller.From(http.User).Actor;
        var now = clock.GetUtcNow();
        if (Decide(account, command, actor, now) is not { } e)
            return (account.Operator ? ApiError.Result(StatusCodes.Status409Conflict, "an operator account cannot be suspended") : AccountViews.Ok(http, account), [], [], []);

        var keys = AccountKeys.Suspend(activeKeys, e.Reason, actor, now);
        OutgoingMessages messages = [new AccountSuspended(Guid.CreateVersion7(), account.Id, e.Reason, actor, now) { SourceVersion = account.Version + 1 }, .. keys.Announcements];
        // A key issued while this ran (its transaction unseen by the query above) is caught once this one has committed.
        messages.Add(new SweepSuspendedAccount(account.Id));
        return (AccountViews.Ok(http, account.Apply(e) with { Version = account.Version + 1 }), [e], messages, keys.Appends);
    }

    /// <summary>The event, or null when there is nothing to do (already suspended) or it may not be done (the operator account).</summary>
    public static AccountWasSuspended? Decide(Account account, SuspendAccount command, string actor, DateTimeOffset now) =>
        account.Operator || account.Status == AccountStatus.Suspended ? null : new AccountWasSuspended(account.Id, command.Reason.Trim(), actor, now);
}
