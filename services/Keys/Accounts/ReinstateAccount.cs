using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Accounts;
using Platform.Keys.Access;
using Wolverine;
using Wolverine.Http;

namespace Platform.Keys.Accounts;

public static class ReinstateAccountEndpoint
{
    /// <summary>Operators only. The keys suspended with the account work again; keys suspended on their own stay so.</summary>
    [WolverinePost("/api/accounts/{id}/reinstate")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static async Task<(IResult, OutgoingMessages)> Post(string id, ClaimsPrincipal user, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (problem, stream) = await AccountCommand.LoadAsync(id, caller, http, session, ct);
        if (problem is not null) return (problem, []);
        var account = stream!.Aggregate!;
        var now = clock.GetUtcNow();
        if (Decide(account, caller.Actor, now) is not { } e) return (AccountViews.Ok(http, account), []);

        stream.AppendOne(e);
        OutgoingMessages messages = [new AccountReinstated(Guid.CreateVersion7(), account.Id, caller.Actor, now) { SourceVersion = account.Version + 1 }];
        messages.AddRange(await AccountKeys.ReinstateAsync(session, account.Id, caller.Actor, now, ct));
        return (AccountViews.Ok(http, account.Apply(e) with { Version = account.Version + 1 }), messages);
    }

    public static AccountWasReinstated? Decide(Account account, string actor, DateTimeOffset now) =>
        account.Status == AccountStatus.Suspended ? new AccountWasReinstated(account.Id, actor, now) : null;
}
