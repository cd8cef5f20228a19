using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

public sealed record RevokeKey(string Reason);

public static class RevokeKeyEndpoint
{
    public static IResult Validate(RevokeKey? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        KeyRules.Reason(command.Reason) is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    public static IResult Before(ApiKey? key, HttpContext http) => KeyCommand.Admit(key, http);

    /// <summary>Immediate and final. Revoking a revoked key changes nothing and answers 200, so retries are safe.</summary>
    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, KeyCommand.Conflict)]
    [WolverinePost(KeyCommand.Route + "/revoke")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Results<Ok<KeyView>, Refused>, Events, OutgoingMessages) Post(RevokeKey command, [WriteAggregate(Required = false)] ApiKey key, HttpContext http, TimeProvider clock) =>
        KeyCommand.Answer(http, key, Decide(key, command, Caller.From(http.User).Actor, clock.GetUtcNow()));

    public static KeyDecision Decide(ApiKey key, RevokeKey command, string actor, DateTimeOffset now)
    {
        if (key.Status is KeyStatus.Revoked or KeyStatus.Expired) return KeyDecision.Unchanged;
        var reason = command.Reason.Trim();
        return KeyDecision.Accept(new ApiKeyRevoked(key.Id, reason, actor, now));
    }
}
