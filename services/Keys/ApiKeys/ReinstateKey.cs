using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Wolverine;
using Wolverine.Http;

namespace Platform.Keys.ApiKeys;

public static class ReinstateKeyEndpoint
{
    [WolverinePost("/api/keys/{id}/reinstate")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static Task<(IResult, OutgoingMessages)> Post(string id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        KeyCommand.ExecuteAsync(id, http, session, (key, caller) => Decide(key, caller.Actor, clock.GetUtcNow()), ct);

    public static KeyDecision Decide(ApiKey key, string actor, DateTimeOffset now) =>
        KeyDecision.Final(key) ?? (key.Status == KeyStatus.Active
            ? KeyDecision.Unchanged
            : KeyDecision.Accept(new ApiKeyReinstated(key.Id, actor, now)));
}
