using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

/// <summary>Replaces the key's scopes with exactly these.</summary>
public sealed record ChangeKeyScopes(string[] Scopes);

public static class ChangeKeyScopesEndpoint
{
    public static IResult Validate(ChangeKeyScopes? command, System.Security.Claims.ClaimsPrincipal user) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        command.Scopes is null ? ApiError.BadRequest("scopes is required")
        : KeyRules.ScopeList(command.Scopes) is { } error ? ApiError.BadRequest(error)
        : KeyRules.OperatorScopes(command.Scopes, user) is { } operatorOnly ? ApiError.BadRequest(operatorOnly)
        : WolverineContinue.Result();

    public static IResult Before(ApiKey? key, HttpContext http) => KeyCommand.Admit(key, http);

    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, KeyCommand.Conflict)]
    [WolverinePut(KeyCommand.Route + "/scopes")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Results<Ok<KeyView>, Refused>, Events, OutgoingMessages) Put(ChangeKeyScopes command, [WriteAggregate(Required = false)] ApiKey key, HttpContext http, TimeProvider clock) =>
        KeyCommand.Answer(http, key, Decide(key, command, Caller.From(http.User).Actor, clock.GetUtcNow()));

    public static KeyDecision Decide(ApiKey key, ChangeKeyScopes command, string actor, DateTimeOffset now)
    {
        var scopes = KeyRules.Normalise(command.Scopes);
        if (KeyDecision.Final(key) is { } final) return final;
        if (scopes.SequenceEqual(key.Scopes)) return KeyDecision.Unchanged;
        return KeyDecision.Accept(new ApiKeyScopesChanged(key.Id, scopes, actor, now));
    }
}
