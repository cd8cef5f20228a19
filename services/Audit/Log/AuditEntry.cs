using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Platform.Audit.Log;

/// <summary>
/// One recorded event as queries read it, with its place in the chain. Id is the integration event's
/// id; <see cref="Sequence"/> is the store's global order (the paging cursor).
/// </summary>
public sealed record AuditEntry(
    Guid Id,
    long Sequence,
    Guid SubjectId,
    string SubjectType,
    Guid AccountId,
    string EventType,
    string Actor,
    string Source,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? TraceId,
    JsonElement Data,
    long Position,
    string PreviousHash,
    string Hash)
{
    /// <summary>Another subject the event names (a rotation's successor), so a key's predecessor can be found.</summary>
    public Guid? RelatedId { get; init; }

    /// <summary>The event's version in its producer's stream of the subject; 0 when it has none (or was recorded before versions were).</summary>
    public long SourceVersion { get; init; }
}

/// <summary>Inline: an entry is queryable in the transaction that records it; rebuildable from the events.</summary>
public sealed partial class AuditEntryProjection : EventProjection
{
    public void Project(IEvent<AuditRecorded> e, IDocumentOperations ops) => ops.Insert(ToEntry(e.Data, e.Sequence));

    public static AuditEntry ToEntry(AuditRecorded e, long sequence)
    {
        // The clone owns its bytes; the parsed document returns its pooled buffers.
        using var document = JsonDocument.Parse(e.Data);
        var data = document.RootElement.Clone();
        return new(e.EventId, sequence, e.SubjectId, e.SubjectType, e.AccountId, e.EventType, e.Actor, e.Source,
            e.OccurredAt, e.RecordedAt, e.TraceId, data, e.Position, e.PreviousHash, e.Hash)
        {
            SourceVersion = e.SourceVersion,
            RelatedId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("successorId", out var s) && s.ValueKind == JsonValueKind.String && s.TryGetGuid(out var id) ? id : null,
        };
    }
}
