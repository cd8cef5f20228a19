using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Audit.Log;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Integrity;

/// <summary>Whether every chain checked holds; if not, the first broken link (by subject, then position).</summary>
public sealed record ChainVerification(bool Intact, int Subjects, long Entries, BrokenLink? FirstBroken, IReadOnlyList<ChainHead> Heads);

public static class VerifyAuditLogEndpoint
{
    /// <summary>
    /// Re-derives the hash chain of one subject, or of every subject of the caller's account (or the one an operator
    /// names: <see cref="ReadableAccount"/>), from the
    /// event store, checks that it holds each event of its source streams once (<see cref="SourceCompleteness"/>),
    /// and that the read model queries answer from agrees with it.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "subject or account is not an id")]
    [Refuses(StatusCodes.Status403Forbidden, "account names another account and the caller is not an operator")]
    [Refuses(StatusCodes.Status404NotFound, "no audited subject with this id in the account")]
    [WolverineGet("/api/audit/verify")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<Results<Ok<ChainVerification>, Refused>> Get(string? subject, string? account, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (!Query.TryGuid(subject, out var subjectId)) return ApiError.BadRequest("subject must be an id");
        var (readable, refused) = await ReadableAccount.ResolveAsync(account, user, session, ct);
        if (refused is not null) return refused;
        var subjects = await AuditStore.SubjectsOfAsync(session, readable, subjectId, ct);
        if (subjectId is { } one && subjects.Count == 0) return ApiError.NotFound($"no audited subject {one}");

        var heads = new List<ChainHead>();
        BrokenLink? first = null;
        foreach (var id in subjects)
        {
            var events = (await session.Events.FetchStreamAsync(id, token: ct)).Where(e => e.Data is AuditRecorded).ToList();
            var (head, broken) = ChainVerifier.Verify(id, events.Select(e => (e.Version, (AuditRecorded)e.Data)));
            heads.Add(head);
            if (first is not null) continue;
            var entries = await session.Query<AuditEntry>().Where(e => e.SubjectId == id).ToListAsync(ct);
            first = broken
                ?? SourceCompleteness.Check(id, events.Select(e => (AuditRecorded)e.Data))
                ?? ReadModelCheck.Compare(id, [.. events.Select(e => (e.Sequence, (AuditRecorded)e.Data))], entries);
        }
        return TypedResults.Ok(new ChainVerification(first is null, heads.Count, heads.Sum(h => h.Length), first, heads));
    }
}
