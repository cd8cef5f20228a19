using Marten;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// What every key command shares, in Wolverine's aggregate workflow: the endpoint takes the key as
/// <c>[WriteAggregate(Required = false)] ApiKey</c> (loaded with <c>FetchForWriting</c>, so a write that raced ours fails
/// with 409), <see cref="Admit"/> runs before it (and answers a missing key as another account's), and its pure decision becomes the answer, the event and its announcement here.
/// </summary>
public static class KeyCommand
{
    /// <summary>A key command's route; the id is a key id by then (<see cref="ApiKeysModule.MapKeyCommandIds"/> answers any other).</summary>
    public const string Route = "/api/keys/{id:" + StreamIdRoutes.Constraint + "}";

    /// <summary>What a key command's 404 and 409 mean, for the OpenAPI documents (<see cref="RefusesAttribute"/>).</summary>
    public const string Missing = "no such key in the caller's account";

    public const string Conflict = "If-Match names another version, a concurrent write won, or the key's state refuses the change";

    /// <summary>
    /// The Before step: a missing key and another account's key answer the same 404 (another account's key is
    /// not revealed), and an If-Match naming another version than the key's 409.
    /// </summary>
    public static IResult Admit(ApiKey? key, HttpContext http) =>
        key is null || key.AccountId != Caller.From(http.User).AccountId
            ? ApiError.NotFound($"no key {http.GetRouteValue("id")}")
            : ExpectedVersion.Check(http.Request, key.Version, "key");

    /// <summary>The answer to a decision: the key as it now is (ETag = its version), the event for its stream, its announcement.</summary>
    public static (Results<Ok<KeyView>, Refused>, Events, OutgoingMessages) Answer(HttpContext http, ApiKey key, KeyDecision decision)
    {
        if (decision.Refusal is { } refusal) return (ApiError.Result(refusal), [], []);
        if (decision.Event is not { } e) return (KeyResponses.Ok(http, key), [], []);
        return (KeyResponses.Ok(http, Fold(key, e) with { Version = key.Version + 1 }), [e], [KeyAnnouncements.For(key, e)]);
    }

    /// <summary>A command the platform sends itself (a scheduled message): a vanished key, or nothing to do, changes nothing.</summary>
    public static (Events, OutgoingMessages) Scheduled(ApiKey? key, Func<ApiKey, object?> decide) =>
        key is not null && decide(key) is { } e ? ([e], [KeyAnnouncements.For(key, e)]) : ([], []);

    public static ApiKey Fold(ApiKey key, object e) => e switch
    {
        ApiKeyRenamed x => key.Apply(x),
        ApiKeyScopesChanged x => key.Apply(x),
        ApiKeyRevoked x => key.Apply(x),
        ApiKeySuspended x => key.Apply(x),
        ApiKeyReinstated x => key.Apply(x),
        ApiKeyRotated x => key.Apply(x),
        ApiKeyExpired x => key.Apply(x),
        ApiKeyRotationDue x => key.Apply(x),
        _ => throw new ArgumentException($"not a key command event: {e.GetType().Name}", nameof(e)),
    };
}
