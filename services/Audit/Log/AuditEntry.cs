using System.Text.Json;

namespace Platform.Audit.Log;

/// <summary>
/// One recorded lifecycle event. Its id is the integration event's id, so a redelivered message
/// overwrites itself instead of being recorded twice.
/// </summary>
public sealed record AuditEntry(
    Guid Id,
    Guid SubjectId,
    string SubjectType,
    Guid AccountId,
    string EventType,
    string Actor,
    string Source,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? TraceId,
    JsonElement Data);
