using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Audit.Integrity;
using Platform.Audit.Log;
using Platform.Audit.Usage;
using Platform.Contracts;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Replay;

/// <summary>
/// The auditor's questions about one subject, answered from its chained record: what it could do at <see cref="At"/>
/// (<see cref="Key"/>, for a key), who changed it (<see cref="Changes"/>: every entry, oldest first), whether it was used
/// after its revocation (<see cref="UseAfterRevocation"/>, null unless revoked), and whether those entries' chain holds.
/// </summary>
public sealed record SubjectReport(
    Guid SubjectId, string SubjectType, DateTimeOffset At, KeyState? Key, IReadOnlyList<AuditEntry> Changes,
    RevokedKeyUse? UseAfterRevocation, ChainVerification Verification);

public static class GetSubjectReportEndpoint
{
    /// <summary>In the caller's account, or the one an operator names (<see cref="ReadableAccount"/>); elsewhere a subject is unknown.</summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a subject id, or at not an ISO 8601 instant")]
    [Refuses(StatusCodes.Status403Forbidden, "account names another account and the caller is not an operator")]
    [Refuses(StatusCodes.Status404NotFound, "no audited subject with this id in the account")]
    [WolverineGet("/api/audit/subjects/{id}/report")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<Results<Ok<SubjectReport>, Refused>> Get(string id, string? at, string? account, ClaimsPrincipal user, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var subjectId)) return ApiError.BadRequest("id must be a subject id");
        if (!Query.TryInstant(at, out var parsed)) return ApiError.BadRequest("at must be an ISO 8601 instant");
        var instant = parsed ?? clock.GetUtcNow();
        var (readable, refused) = await ReadableAccount.ResolveAsync(account, user, session, ct);
        if (refused is not null) return refused;

        // One read of the store (not the read model, nor RecordedHistory's memory): the entries reported are the ones verified.
        var stream = (await session.Events.FetchStreamAsync(subjectId, token: ct)).Where(e => e.Data is AuditRecorded).ToList();
        if (stream.Count == 0 || ((AuditRecorded)stream[0].Data).AccountId != readable) return ApiError.NotFound($"no audited subject {subjectId}");
        var recorded = stream.Select(e => (AuditRecorded)e.Data).ToList();
        var (head, broken) = ChainVerifier.Verify(subjectId, stream.Select(e => (e.Version, (AuditRecorded)e.Data)));
        broken ??= SourceCompleteness.Check(subjectId, recorded);
        var verification = new ChainVerification(broken is null, 1, head.Length, broken, [head]);

        // The same history an as-of keeps, built from this read: every entry in the order it occurred, the key after each.
        var history = SubjectHistory.Of(stream[^1].Version, stream.Select(e => AuditEntryProjection.ToEntry((AuditRecorded)e.Data, e.Sequence)))!;
        var changes = history.Entries;
        var type = history.SubjectType;
        if (type != AuditSubjects.Key) return TypedResults.Ok(new SubjectReport(subjectId, type, instant, null, changes, null, verification));

        var rotation = await session.Query<AuditEntry>().FirstOrDefaultAsync(GetSubjectAsOfEndpoint.RotatedInto(readable, subjectId, instant), ct);
        var state = history.KeyAfter(history.CountUpTo(instant)).At(instant) with { PredecessorId = rotation?.SubjectId };
        // Revoked at any time, not only by the instant asked about: use after a revocation is the question whatever T is.
        var misuse = history.KeyAfter(changes.Count).RevokedAt is { } revoked
            ? await UsageAfterRevocation.FindAsync(session, subjectId, revoked, ct) : null;
        return TypedResults.Ok(new SubjectReport(subjectId, type, instant, state, changes, misuse, verification));
    }
}
