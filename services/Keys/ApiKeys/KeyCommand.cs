using Marten;
using Marten.Events;
using Platform.ServiceDefaults;
using Wolverine;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// Runs a key command: parse the id, load the stream (checking If-Match against its version),
/// decide purely, append, answer with the key as it now is (ETag = its version).
/// </summary>
public static class KeyCommand
{
    public static async Task<(IResult, OutgoingMessages)> ExecuteAsync(
        string id, HttpContext http, IDocumentSession session, Func<ApiKey, KeyDecision> decide, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return (ApiError.BadRequest("id must be a key id"), []);
        if (!ExpectedVersion.TryRead(http.Request, out var expected)) return (ApiError.BadRequest("If-Match must be a quoted stream version, e.g. \"3\""), []);

        var stream = expected is { } version
            ? await session.Events.FetchForWriting<ApiKey>(keyId, version, ct)
            : await session.Events.FetchForWriting<ApiKey>(keyId, ct);
        if (stream.Aggregate is not { } key) return (ApiError.NotFound($"no key {keyId}"), []);

        var decision = decide(key);
        if (decision.Refusal is { } refusal) return (refusal, []);
        if (decision.Event is not { } e) return (KeyResponses.Ok(http, key), []);

        stream.AppendOne(e);
        var changed = Fold(key, e) with { Version = key.Version + 1 };
        return (KeyResponses.Ok(http, changed), [decision.Announcement!]);
    }

    private static ApiKey Fold(ApiKey key, object e) => e switch
    {
        ApiKeyRenamed x => key.Apply(x),
        ApiKeyScopesChanged x => key.Apply(x),
        ApiKeyRevoked x => key.Apply(x),
        ApiKeySuspended x => key.Apply(x),
        ApiKeyReinstated x => key.Apply(x),
        _ => throw new ArgumentException($"not a key command event: {e.GetType().Name}", nameof(e)),
    };
}
