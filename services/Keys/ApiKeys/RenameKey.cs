using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

public sealed record RenameKey(string Name);

public static class RenameKeyEndpoint
{
    public static IResult Validate(RenameKey? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        KeyRules.Name(command.Name) is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    public static IResult Before(ApiKey? key, HttpContext http) => KeyCommand.Admit(key, http);

    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, KeyCommand.Conflict)]
    [WolverinePost(KeyCommand.Route + "/rename")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Results<Ok<KeyView>, Refused>, Events, OutgoingMessages) Post(RenameKey command, [WriteAggregate(Required = false)] ApiKey key, HttpContext http, TimeProvider clock) =>
        KeyCommand.Answer(http, key, Decide(key, command, Caller.From(http.User).Actor, clock.GetUtcNow()));

    public static KeyDecision Decide(ApiKey key, RenameKey command, string actor, DateTimeOffset now)
    {
        var name = command.Name.Trim();
        if (KeyDecision.Final(key) is { } final) return final;
        if (name == key.Name) return KeyDecision.Unchanged;
        return KeyDecision.Accept(new ApiKeyRenamed(key.Id, name, actor, now));
    }
}
