using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Platform.Keys.ApiKeys;

public sealed record RenameKey(string Name);

public static class RenameKeyEndpoint
{
    public static IResult Validate(RenameKey? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        KeyRules.Name(command.Name) is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    [WolverinePost("/api/keys/{id}/rename")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static Task<(IResult, OutgoingMessages)> Post(string id, RenameKey command, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        KeyCommand.ExecuteAsync(id, http, session, (key, caller) => Decide(key, command, caller.Actor, clock.GetUtcNow()), ct);

    public static KeyDecision Decide(ApiKey key, RenameKey command, string actor, DateTimeOffset now)
    {
        var name = command.Name.Trim();
        if (KeyDecision.Final(key) is { } final) return final;
        if (name == key.Name) return KeyDecision.Unchanged;
        return KeyDecision.Accept(new ApiKeyRenamed(key.Id, name, actor, now));
    }
}
