using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Accounts;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Infrastructure.Errors;

namespace Platform.Keys.Accounts;

public static class ReinstateAccountEndpoint
{
    public static Task<IResult> Before(Account? account, HttpContext http, IDocumentSession session, CancellationToken ct) =>
        AccountCommand.AdmitAsync(account, http, session, ct);

    public static Task<IReadOnlyList<ApiKey>> LoadAsync(Account account, IDocumentSession session, CancellationToken ct) =>
        AccountKeys.SuspendedWithAccountAsync(session, account.Id, ct);

    /// <summary>Operators only. The keys suspended with the account work again; keys suspended on their own stay so.</summary>
    [Refuses(StatusCodes.Status404NotFound, AccountCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, AccountCommand.Conflict)]
    [WolverinePost(AccountCommand.Route + "/reinstate")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static (Ok<AccountView>, Events, OutgoingMessages, IEnumerable<IMartenOp>) Post(
        [WriteAggregate(Required = false)] Account account, IReadOnlyList<ApiKey> suspendedKeys, HttpContext http, TimeProvider clock)
    {
        var actor = Caller.From(http.User).Actor;
        var now = clock.GetUtcNow();
        if (Decide(account, actor, now) is not { } e) return (AccountViews.Ok(http, account), [], [], []);

        var keys = AccountKeys.Reinstate(suspendedKeys, actor, now);
        OutgoingMessages messages = [new AccountReinstated(Guid.CreateVersion7(), account.Id, actor, now) { SourceVersion = account.Version + 1 }, .. keys.Announcements];
        return (AccountViews.Ok(http, account.Apply(e) with { Version = account.Version + 1 }), [e], messages, keys.Appends);
    }

    public static AccountWasReinstated? Decide(Account account, string actor, DateTimeOffset now) =>
        account.Status == AccountStatus.Suspended ? new AccountWasReinstated(account.Id, actor, now) : null;
}
