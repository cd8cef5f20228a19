using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

public sealed record SuspendKey(string Reason);

public static class SuspendKeyEndpoint
{
    public static IResult Validate(SuspendKey? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        KeyRules.Reason(command.Reason) is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    public static IResult Before(ApiKey? key, HttpContext http) => KeyCommand.Admit(key, http);

    /// <summary>Reversible (see reinstate); quarantine will use it.</summary>
    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, KeyCommand.Conflict)]
    [WolverinePost(KeyCommand.Route + "/suspend")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Results<Ok<KeyView>, Refused>, Events, OutgoingMessages) Post(SuspendKey command, [WriteAggregate(Required = false)] ApiKey key, HttpContext http, TimeProvider clock) =>
        KeyCommand.Answer(http, key, Decide(key, command, Caller.From(http.User).Actor, clock.GetUtcNow()));

    public static KeyDecision Decide(ApiKey key, SuspendKey command, string actor, DateTimeOffset now)
    {
        if (KeyDecision.Final(key) is { } final) return final;
        if (key.Status == KeyStatus.Suspended) return KeyDecision.Unchanged;
        var reason = command.Reason.Trim();
        return KeyDecision.Accept(new ApiKeySuspended(key.Id, reason, actor, now));
    }
}
