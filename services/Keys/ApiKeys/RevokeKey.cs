using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Platform.Keys.ApiKeys;

public sealed record RevokeKey(string Reason);

public static class RevokeKeyEndpoint
{
    public static IResult Validate(RevokeKey? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        KeyRules.Reason(command.Reason) is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    /// <summary>Immediate and final. Revoking a revoked key changes nothing and answers 200, so retries are safe.</summary>
    [WolverinePost("/api/keys/{id}/revoke")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static Task<(IResult, OutgoingMessages)> Post(string id, RevokeKey command, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        KeyCommand.ExecuteAsync(id, http, session, (key, caller) => Decide(key, command, caller.Actor, clock.GetUtcNow()), ct);

    public static KeyDecision Decide(ApiKey key, RevokeKey command, string actor, DateTimeOffset now)
    {
        if (key.Status is KeyStatus.Revoked or KeyStatus.Expired) return KeyDecision.Unchanged;
        var reason = command.Reason.Trim();
        return KeyDecision.Accept(new ApiKeyRevoked(key.Id, reason, actor, now));
    }
}
