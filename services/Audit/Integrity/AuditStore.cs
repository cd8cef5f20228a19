using Marten;
using Platform.Audit.Log;

namespace Platform.Audit.Integrity;

/// <summary>Reads straight from Audit's event store, never from the read model, so checks see what is really stored.</summary>
public static class AuditStore
{
    /// <summary>The account's subjects (or just <paramref name="subject"/>, when it is the account's), in a stable order.</summary>
    public static async Task<IReadOnlyList<Guid>> SubjectsOfAsync(IQuerySession session, Guid account, Guid? subject, CancellationToken ct)
    {
        var query = session.Events.QueryRawEventDataOnly<AuditRecorded>().Where(e => e.AccountId == account);
        if (subject is { } id) query = query.Where(e => e.SubjectId == id);
        var ids = await query.Select(e => e.SubjectId).ToListAsync(ct);
        return [.. ids.Distinct().Order()];
    }
}
