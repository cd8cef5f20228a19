using Marten;
using Platform.ServiceDefaults;
using Wolverine.Http;

namespace Platform.Audit.Log;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items);

public static class QueryAuditEventsEndpoint
{
    private const int MaxPageSize = 200;

    /// <summary>Entries newest first, optionally for one subject (a key, client or agent credential).</summary>
    [WolverineGet("/api/audit/events")]
    // Note: raw strings, parsed here: bound as Guid?/int?, a malformed value would silently mean "no filter".
    public static async Task<IResult> Get(IQuerySession session, string? subject, string? limit, CancellationToken ct)
    {
        var size = 50;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxPageSize))
            return ApiError.BadRequest($"limit must be between 1 and {MaxPageSize}");
        Guid? subjectId = null;
        if (subject is not null)
        {
            if (!Guid.TryParse(subject, out var id)) return ApiError.BadRequest("subject must be an id");
            subjectId = id;
        }
        var query = session.Query<AuditEntry>().AsQueryable();
        if (subjectId is { } filter) query = query.Where(e => e.SubjectId == filter);
        var items = await query.OrderByDescending(e => e.OccurredAt).Take(size).ToListAsync(ct);
        return Results.Ok(new AuditPage(items));
    }
}
