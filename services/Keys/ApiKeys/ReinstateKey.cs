using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

public static class ReinstateKeyEndpoint
{
    public static IResult Before(ApiKey? key, HttpContext http) => KeyCommand.Admit(key, http);

    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, KeyCommand.Conflict)]
    [WolverinePost(KeyCommand.Route + "/reinstate")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Results<Ok<KeyView>, Refused>, Events, OutgoingMessages) Post([WriteAggregate(Required = false)] ApiKey key, HttpContext http, TimeProvider clock) =>
        KeyCommand.Answer(http, key, Decide(key, Caller.From(http.User).Actor, clock.GetUtcNow()));

    public static KeyDecision Decide(ApiKey key, string actor, DateTimeOffset now) =>
        KeyDecision.Final(key) ?? (key.Status == KeyStatus.Active
            ? KeyDecision.Unchanged
            : KeyDecision.Accept(new ApiKeyReinstated(key.Id, actor, now)));
}
