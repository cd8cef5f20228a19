namespace Platform.Audit.Log;

/// <summary>
/// The one event of Audit's own store: an integration event as it was recorded in its subject's
/// stream, sealed into the subject's hash chain (<see cref="AuditChain"/>). Never rename: it is stored.
/// </summary>
/// <remarks>
/// <c>Position</c> is the 1-based place in the subject's chain (the stream version); <c>Data</c> is the
/// integration event's JSON exactly as hashed.
/// </remarks>
public sealed record AuditRecorded(
    Guid EventId,
    string SubjectType,
    Guid SubjectId,
    Guid AccountId,
    string EventType,
    string Actor,
    string Source,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? TraceId,
    string Data,
    long Position,
    string PreviousHash,
    string Hash)
{
    /// <summary>The canonical form the hash covers (<see cref="AuditChain"/>); entries stored before formats were named are audit-v1.</summary>
    public string Format { get; init; } = AuditChain.V1;

    /// <summary>The event's version in its producer's stream of the subject (0: none, and in every audit-v1 entry).</summary>
    public long SourceVersion { get; init; }
}
