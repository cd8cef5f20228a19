using System.Linq.Expressions;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Audit.Log;
using Platform.Audit.Usage;
using Platform.Contracts;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Replay;

/// <summary>
/// A subject as it stood at <see cref="At"/>: the changes that led there and, for a key, what it could do
/// then, and whether it was used after it was revoked.
/// </summary>
public sealed record SubjectAsOf(Guid SubjectId, string SubjectType, DateTimeOffset At, KeyState? Key, IReadOnlyList<AuditEntry> Changes, RevokedKeyUse? UseAfterRevocation);

public static class GetSubjectAsOfEndpoint
{
    /// <summary>In the caller's account, or the one an operator names (<see cref="ReadableAccount"/>); elsewhere a subject is unknown.</summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a subject id, or at not an ISO 8601 instant")]
    [Refuses(StatusCodes.Status403Forbidden, "account names another account and the caller is not an operator")]
    [Refuses(StatusCodes.Status404NotFound, "no audited subject with this id in the account")]
    [WolverineGet("/api/audit/subjects/{id}/as-of")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<Results<Ok<SubjectAsOf>, Refused>> Get(string id, string? at, string? account, ClaimsPrincipal user, IQuerySession session, RecordedHistory histories, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var subjectId)) return ApiError.BadRequest("id must be a subject id");
        if (at is null || !Query.TryInstant(at, out var parsed)) return ApiError.BadRequest("at must be an ISO 8601 instant");
        var instant = parsed!.Value;
        var (readable, refused) = await ReadableAccount.ResolveAsync(account, user, session, ct);
        if (refused is not null) return refused;

        // From the event store, not the read model: the answer auditors rely on comes from the chained record
        // (kept in memory by stream version, RecordedHistory).
        // One round trip: the stream's version (whether the kept history is current) and, should the subject be a key,
        // the key whose rotation issued it.
        var batch = session.CreateBatchQuery();
        var streamState = batch.Events.FetchStreamState(subjectId);
        var rotation = batch.Query<AuditEntry>().FirstOrDefault(RotatedInto(readable, subjectId, instant));
        await batch.Execute(ct);
        var history = await histories.ReadAsync(session, subjectId, await streamState, ct);
        if (history is null || history.AccountId != readable) return ApiError.NotFound($"no audited subject {subjectId}");
        var count = history.CountUpTo(instant);
        var changes = history.EntriesUpTo(count);
        if (history.SubjectType != AuditSubjects.Key) return TypedResults.Ok(new SubjectAsOf(subjectId, history.SubjectType, instant, null, changes, null));

        var state = history.KeyAfter(count).At(instant) with { PredecessorId = (await rotation)?.SubjectId };
        var misuse = state.RevokedAt is { } revoked ? await UsageAfterRevocation.FindAsync(session, subjectId, revoked, ct) : null;
        return TypedResults.Ok(new SubjectAsOf(subjectId, history.SubjectType, instant, state, changes, misuse));
    }

    /// <summary>The rotation, by <paramref name="instant"/>, that issued <paramref name="keyId"/>: its subject is the key's predecessor.</summary>
    public static Expression<Func<AuditEntry, bool>> RotatedInto(Guid account, Guid keyId, DateTimeOffset instant) =>
        e => e.AccountId == account && e.RelatedId == keyId && e.EventType == nameof(KeyRotated) && e.OccurredAt <= instant;
}
