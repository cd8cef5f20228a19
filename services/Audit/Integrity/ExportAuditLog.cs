using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Audit.Log;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Audit.Integrity;

/// <summary>One line of an export: an entry exactly as stored and hashed, with the store's global sequence.</summary>
public sealed record ExportedEntry(
    long Sequence, long Position, string PreviousHash, string Hash, Guid EventId, string SubjectType, Guid SubjectId, Guid AccountId,
    string EventType, string Actor, string Source, string OccurredAt, string RecordedAt, string? TraceId, string Data, string Format, long SourceVersion);

public static class ExportAuditLogEndpoint
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>
    /// The caller's account's log (or the one an operator names: <see cref="ReadableAccount"/>; or one subject's) as
    /// JSON Lines, one entry per line in recording order,
    /// carrying each chain link so an auditor can verify it offline (docs/audit.md).
    /// </summary>
    [ProducesResponseType(typeof(ExportedEntry), StatusCodes.Status200OK, ContentType)]
    [Refuses(StatusCodes.Status400BadRequest, "subject or account is not an id")]
    [Refuses(StatusCodes.Status403Forbidden, "account names another account and the caller is not an operator")]
    [WolverineGet("/api/audit/export")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<Results<PushStreamHttpResult, Refused>> Get(string? subject, string? account, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (!Query.TryGuid(subject, out var subjectId)) return ApiError.BadRequest("subject must be an id");
        var (readable, refused) = await ReadableAccount.ResolveAsync(account, user, session, ct);
        if (refused is not null) return refused;
        var subjects = (await AuditStore.SubjectsOfAsync(session, readable, subjectId, ct)).ToArray();
        return TypedResults.Stream(async body =>
        {
            // Streamed row by row in the store's order: an export of any size never sits in memory whole.
            var events = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(subjects)).OrderBy(e => e.Sequence).ToAsyncEnumerable(ct);
            await foreach (var e in events)
            {
                if (e.Data is not AuditRecorded entry) continue;
                await JsonSerializer.SerializeAsync(body, Line(e.Sequence, entry), JsonSerializerOptions.Web, ct);
                await body.WriteAsync("\n"u8.ToArray(), ct);
            }
        }, ContentType);
    }

    // Instants are written in the canonical form they were hashed in, so no parser can alter them.
    public static ExportedEntry Line(long sequence, AuditRecorded e) => new(
        sequence, e.Position, e.PreviousHash, e.Hash, e.EventId, e.SubjectType, e.SubjectId, e.AccountId, e.EventType, e.Actor, e.Source,
        AuditChain.Instant(e.OccurredAt), AuditChain.Instant(e.RecordedAt), e.TraceId, e.Data, e.Format, e.SourceVersion);
}
