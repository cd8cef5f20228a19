using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Log;

/// <summary>One page; <see cref="NextCursor"/> (when present) fetches the next one in the same order.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);

public static class QueryAuditEventsEndpoint
{
    private const int MaxPageSize = 200;

    /// <summary>
    /// The caller's account's entries (or, for an operator, those of the account named: <see cref="ReadableAccount"/>),
    /// filtered by subject, actor, event type and [from, to) on the time the event occurred; newest recorded first
    /// unless <c>order=asc</c>; keyset-paged by cursor.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "a filter, limit, order or cursor is not valid")]
    [Refuses(StatusCodes.Status403Forbidden, "account names another account and the caller is not an operator")]
    [WolverineGet("/api/audit/events")]
    [Authorize(Policy = AuditPolicy.Read)]
    // Note: raw strings, parsed here: bound as Guid?/int?, a malformed value would silently mean "no filter".
    public static async Task<Results<Ok<AuditPage>, Refused>> Get(
        string? subject, string? account, string? actor, string? type, string? from, string? to, string? order, string? limit, string? cursor,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var size = 50;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxPageSize))
            return ApiError.BadRequest($"limit must be between 1 and {MaxPageSize}");
        if (!Query.TryGuid(subject, out var subjectId)) return ApiError.BadRequest("subject must be an id");
        if (!Query.TryInstant(from, out var start)) return ApiError.BadRequest("from must be an ISO 8601 instant");
        if (!Query.TryInstant(to, out var end)) return ApiError.BadRequest("to must be an ISO 8601 instant");
        if (order is not (null or "asc" or "desc")) return ApiError.BadRequest("order must be asc or desc");
        long? after = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, out var position) || position < 0) return ApiError.BadRequest("cursor is not one this endpoint returned");
            after = position;
        }

        var (readable, refused) = await ReadableAccount.ResolveAsync(account, user, session, ct);
        if (refused is not null) return refused;

        var query = session.Query<AuditEntry>().Where(e => e.AccountId == readable);
        if (subjectId is { } s) query = query.Where(e => e.SubjectId == s);
        if (actor is not null) query = query.Where(e => e.Actor == actor);
        if (type is not null) query = query.Where(e => e.EventType == type);
        if (start is { } f) query = query.Where(e => e.OccurredAt >= f);
        if (end is { } t) query = query.Where(e => e.OccurredAt < t);
        var ascending = order == "asc";
        if (after is { } c) query = ascending ? query.Where(e => e.Sequence > c) : query.Where(e => e.Sequence < c);
        query = ascending ? query.OrderBy(e => e.Sequence) : query.OrderByDescending(e => e.Sequence);

        var items = await query.Take(size + 1).ToListAsync(ct);
        var next = items.Count > size ? items[size - 1].Sequence.ToString() : null;
        return TypedResults.Ok(new AuditPage(items.Take(size).ToList(), next));
    }
}
