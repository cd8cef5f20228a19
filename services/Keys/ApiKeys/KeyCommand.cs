using Marten;
using JasperFx.Events;
using Platform.Keys.Access;
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
        string id, HttpContext http, IDocumentSession session, Func<ApiKey, Caller, KeyDecision> decide, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var (problem, stream) = await LoadAsync(id, caller, http, session, ct);
        if (problem is not null) return (problem, []);
        var key = stream!.Aggregate!;

        var decision = decide(key, caller);
        if (decision.Refusal is { } refusal) return (Results.Json(refusal, statusCode: refusal.StatusCode), []);
        if (decision.Event is not { } e) return (KeyResponses.Ok(http, key), []);

        stream.AppendOne(e);
        var changed = Fold(key, e) with { Version = key.Version + 1 };
        return (KeyResponses.Ok(http, changed), [KeyAnnouncements.For(key, e)]);
    }

    /// <summary>The key's stream for writing, or the 4xx that says why not (bad id, bad If-Match, no such key).</summary>
    /// <remarks>Another account's key answers 404, exactly like a missing one: its existence is not revealed.</remarks>
    public static async Task<(IResult? Problem, IEventStream<ApiKey>? Stream)> LoadAsync(string id, Caller caller, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return (ApiError.BadRequest("id must be a key id"), null);
        // Marten refuses the empty Guid as a stream id; no key has it, so it is as unknown as any other.
        if (keyId == Guid.Empty) return (ApiError.NotFound($"no key {keyId}"), null);
        if (!ExpectedVersion.TryRead(http.Request, out var expected)) return (ApiError.BadRequest("If-Match must be a quoted stream version, e.g. \"3\""), null);
        var stream = expected is { } version
            ? await session.Events.FetchForWriting<ApiKey>(keyId, version, ct)
            : await session.Events.FetchForWriting<ApiKey>(keyId, ct);
        return stream.Aggregate?.AccountId == caller.AccountId ? (null, stream) : (ApiError.NotFound($"no key {keyId}"), null);
    }

    /// <summary>A command the platform sends itself (a scheduled message): no caller, no If-Match; a vanished key changes nothing.</summary>
    public static async Task<OutgoingMessages> ExecuteScheduledAsync(Guid keyId, IDocumentSession session, Func<ApiKey, KeyDecision> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ApiKey>(keyId, ct);
        if (stream.Aggregate is not { } key || decide(key) is not { Event: { } e }) return [];
        stream.AppendOne(e);
        return [KeyAnnouncements.For(key, e)];
    }

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
