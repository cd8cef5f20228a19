using System.Text.Json;
using Platform.Audit.Log;

namespace Platform.Audit.Integrity;

/// <summary>
/// The read model that queries answer from must say what the chain says: an entry edited, added or
/// removed there (not in the event store) is found here, since the chain alone cannot see it.
/// </summary>
public static class ReadModelCheck
{
    public static BrokenLink? Compare(Guid subjectId, IReadOnlyList<(long Sequence, AuditRecorded Event)> recorded, IReadOnlyList<AuditEntry> entries)
    {
        var byId = entries.ToDictionary(e => e.Id);
        foreach (var (sequence, e) in recorded)
        {
            if (!byId.Remove(e.EventId, out var entry)) return new(subjectId, e.Position, e.EventId, "read model is missing the entry");
            var expected = AuditEntryProjection.ToEntry(e, sequence);
            if (expected with { Data = default } != entry with { Data = default } || !JsonElement.DeepEquals(expected.Data, entry.Data))
                return new(subjectId, e.Position, e.EventId, "read model entry differs from the recorded event");
        }
        return byId.Values.MinBy(e => e.Position) is { } extra ? new(subjectId, extra.Position, extra.Id, "read model holds an entry that was never recorded") : null;
    }
}
