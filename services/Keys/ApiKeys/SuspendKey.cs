using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Platform.Keys.ApiKeys;

public sealed record SuspendKey(string Reason);

public static class SuspendKeyEndpoint
{
    public static IResult Validate(SuspendKey? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        KeyRules.Reason(command.Reason) is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    /// <summary>Reversible (see reinstate); quarantine will use it.</summary>
    [WolverinePost("/api/keys/{id}/suspend")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static Task<(IResult, OutgoingMessages)> Post(string id, SuspendKey command, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        KeyCommand.ExecuteAsync(id, http, session, (key, caller) => Decide(key, command, caller.Actor, clock.GetUtcNow()), ct);

    public static KeyDecision Decide(ApiKey key, SuspendKey command, string actor, DateTimeOffset now)
    {
        if (KeyDecision.Final(key) is { } final) return final;
        if (key.Status == KeyStatus.Suspended) return KeyDecision.Unchanged;
        var reason = command.Reason.Trim();
        return KeyDecision.Accept(new ApiKeySuspended(key.Id, reason, actor, now));
    }
}
