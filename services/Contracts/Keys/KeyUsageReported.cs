namespace Platform.Contracts.Keys;

/// <summary>
/// One replica's verifications of one key in one minute, so far: counts are cumulative within the
/// minute, so a later report for the same key, minute and replica supersedes an earlier one and a
/// redelivered report changes nothing. Producer: Keys (usage flusher). Consumer: Audit (baselines,
/// anomaly detection, use after revocation).
/// </summary>
public sealed record KeyUsageReported(
    Guid EventId,
    Guid KeyId,
    Guid AccountId,
    string Replica,
    DateTimeOffset Minute,
    long Count,
    DateTimeOffset LastUsedAt,
    IReadOnlyList<string> Ips,
    string Actor,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Command: suspend a key because its usage looked unusual (reversible by reinstating it). Producer:
/// Audit, for accounts that turned auto-quarantine on. Consumer: Keys (its suspend logic).
/// </summary>
public sealed record QuarantineKey(Guid KeyId, Guid AccountId, string Reason, Guid AnomalyEventId);
