using System.Text.Json;

namespace Platform.Sdk.Client.Audit;

/// <summary>Filters for the audit log; null means no filter. <see cref="Ascending"/> reads oldest first.</summary>
public sealed record AuditQuery(Guid? Subject = null, string? Actor = null, string? EventType = null, DateTimeOffset? From = null,
    DateTimeOffset? To = null, bool Ascending = false, int? PageSize = null);

public sealed record AuditEntry(
    Guid Id, long Sequence, Guid SubjectId, string SubjectType, Guid AccountId, string EventType, string Actor, string Source,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? TraceId, JsonElement Data, long Position, string PreviousHash, string Hash,
    Guid? RelatedId = null, long SourceVersion = 0);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);

public sealed record KeyState(string Status, string? Name, string? Environment, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt,
    Guid? SuccessorId, Guid? PredecessorId, DateTimeOffset? RevokedAt);

public sealed record RevokedKeyUse(bool Used, DateTimeOffset RevokedAt, DateTimeOffset? LastUsedAt, IReadOnlyList<string> Ips);

/// <summary>A subject as it stood at <see cref="At"/>, from the chained record.</summary>
public sealed record SubjectAsOf(Guid SubjectId, string SubjectType, DateTimeOffset At, KeyState? Key, IReadOnlyList<AuditEntry> Changes, RevokedKeyUse? UseAfterRevocation);

/// <summary>
/// The auditor's report on one subject: what it could do at <see cref="At"/> (<see cref="Key"/>, for a key), every
/// change with its actor (oldest first), use after its revocation (null unless revoked), and the chain's verification.
/// </summary>
public sealed record SubjectReport(Guid SubjectId, string SubjectType, DateTimeOffset At, KeyState? Key, IReadOnlyList<AuditEntry> Changes,
    RevokedKeyUse? UseAfterRevocation, ChainVerification Verification);

public sealed record BrokenLink(Guid SubjectId, long Position, Guid? EventId, string Reason);

public sealed record ChainHead(Guid SubjectId, long Length, string HeadHash);

public sealed record ChainVerification(bool Intact, int Subjects, long Entries, BrokenLink? FirstBroken, IReadOnlyList<ChainHead> Heads);

/// <summary>
/// One line of an export, exactly as hashed (instants and data as the canonical text); <see cref="Format"/> says
/// which fields the hash covers (audit-v2 adds <see cref="SourceVersion"/>; see docs/audit.md).
/// </summary>
public sealed record ExportedEntry(
    long Sequence, long Position, string PreviousHash, string Hash, Guid EventId, string SubjectType, Guid SubjectId, Guid AccountId,
    string EventType, string Actor, string Source, string OccurredAt, string RecordedAt, string? TraceId, string Data,
    string Format = "audit-v1", long SourceVersion = 0);

public sealed record QuarantinePolicy(Guid Id, bool Enabled, string UpdatedBy, DateTimeOffset UpdatedAt);

public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> EventTypes);

/// <summary>The only answer that holds the webhook's signing secret.</summary>
public sealed record CreatedWebhook(Guid Id, string Url, string[] EventTypes, string Secret, DateTimeOffset CreatedAt)
{
    public override string ToString() => $"CreatedWebhook {{ Id = {Id}, Url = {Url} }}";
}

/// <summary>A webhook; <see cref="PreviousSecretValidUntil"/> is when the secret its last rotation replaced stopped (or stops) signing.</summary>
public sealed record WebhookView(Guid Id, string Url, string[] EventTypes, DateTimeOffset CreatedAt, bool Enabled = true, DateTimeOffset? DisabledAt = null,
    DateTimeOffset? SecretRotatedAt = null, DateTimeOffset? PreviousSecretValidUntil = null);

/// <summary>One try; <see cref="Outcome"/> is <c>delivered</c>, <c>failed</c>, <c>dead-lettered</c> or <c>stopped</c> (not sent: the webhook was disabled).</summary>
public sealed record WebhookAttempt(Guid Id, Guid WebhookId, Guid AccountId, Guid DeliveryId, string EventType, int Attempt, DateTimeOffset At,
    int? StatusCode, string Outcome, string? Error);

/// <summary>
/// One delivery with its attempts (oldest first); <see cref="Outcome"/> is <c>delivered</c>, <c>failed-retrying</c>,
/// <c>dead-lettered</c> or <c>stopped</c>; <see cref="AttemptCount"/> counts the requests sent.
/// </summary>
public sealed record WebhookDelivery(Guid DeliveryId, string EventType, DateTimeOffset FirstAttemptAt, DateTimeOffset LastAttemptAt, int AttemptCount,
    int? LastStatusCode, string Outcome, IReadOnlyList<WebhookAttempt> Attempts);

/// <summary>The webhook's latest deliveries (at most 100), the most recently attempted first.</summary>
public sealed record DeliveryList(Guid WebhookId, IReadOnlyList<WebhookDelivery> Deliveries);

/// <summary>The only answer that holds the new signing secret; the old one also signs until <see cref="PreviousSecretValidUntil"/>.</summary>
public sealed record RotatedWebhookSecret(Guid Id, string Secret, DateTimeOffset RotatedAt, DateTimeOffset? PreviousSecretValidUntil)
{
    public override string ToString() => $"RotatedWebhookSecret {{ Id = {Id}, RotatedAt = {RotatedAt} }}";
}

public sealed record DeliveryRetryQueued(Guid DeliveryId);

public sealed record WebhookTestQueued(Guid DeliveryId);

internal sealed record WebhookList(IReadOnlyList<WebhookView> Items);
