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
    public static async Task<IResult> Get(IQuerySession session, Guid? subject, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize) return ApiError.BadRequest($"limit must be between 1 and {MaxPageSize}");
        var query = session.Query<AuditEntry>().AsQueryable();
        if (subject is { } id) query = query.Where(e => e.SubjectId == id);
        var items = await query.OrderByDescending(e => e.OccurredAt).Take(limit ?? 50).ToListAsync(ct);
        return Results.Ok(new AuditPage(items));
    }
}
