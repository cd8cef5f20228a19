using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Secrets;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

/// <summary>One step of a key's life, as auditors read it: never the secret's hash.</summary>
public sealed record KeyHistoryEntry(long Version, string Event, DateTimeOffset At, string Actor, IReadOnlyDictionary<string, object?> Details);

public static class KeyHistoryEndpoint
{
    /// <summary>Every event of the key's stream, oldest first.</summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a key id")]
    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [WolverineGet("/api/keys/{id}/history")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<List<KeyHistoryEntry>>, Refused>> Get(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiError.BadRequest("id must be a key id");
        var events = await session.Events.FetchStreamAsync(keyId, token: ct);
        return events.Count == 0 || (events[0].Data as ApiKeyIssued)?.AccountId != Caller.From(user).AccountId
            ? ApiError.NotFound($"no key {keyId}")
            : TypedResults.Ok(events.Select(e => Describe(e.Version, e.Data)).ToList());
    }

    public static KeyHistoryEntry Describe(long version, object e) => e switch
    {
        ApiKeyIssued x => new(version, "issued", x.IssuedAt, x.Actor, new Dictionary<string, object?>
        {
            ["name"] = x.Name, ["environment"] = x.Environment.ToString().ToLowerInvariant(), ["scopes"] = x.Scopes,
            ["display"] = SecretFormat.Display(x.Environment.SecretPrefix(), x.Last4), ["expiresAt"] = x.ExpiresAt, ["predecessorId"] = x.PredecessorId,
        }),
        ApiKeyRenamed x => new(version, "renamed", x.RenamedAt, x.Actor, new Dictionary<string, object?> { ["name"] = x.Name }),
        ApiKeyScopesChanged x => new(version, "scopes_changed", x.ChangedAt, x.Actor, new Dictionary<string, object?> { ["scopes"] = x.Scopes }),
        ApiKeyRevoked x => new(version, "revoked", x.RevokedAt, x.Actor, new Dictionary<string, object?> { ["reason"] = x.Reason }),
        ApiKeySuspended x => new(version, "suspended", x.SuspendedAt, x.Actor, new Dictionary<string, object?> { ["reason"] = x.Reason }),
        ApiKeyReinstated x => new(version, "reinstated", x.ReinstatedAt, x.Actor, new Dictionary<string, object?>()),
        ApiKeyRotated x => new(version, "rotated", x.RotatedAt, x.Actor, new Dictionary<string, object?>
        {
            ["successorId"] = x.SuccessorId, ["overlapEndsAt"] = x.OverlapEndsAt,
        }),
        ApiKeyExpired x => new(version, "expired", x.ExpiredAt, x.Actor, new Dictionary<string, object?>()),
        ApiKeyRotationDue x => new(version, "rotation_due", x.DueAt, x.Actor, new Dictionary<string, object?>()),
        _ => new(version, e.GetType().Name, DateTimeOffset.MinValue, "unknown", new Dictionary<string, object?>()),
    };
}
