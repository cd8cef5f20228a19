namespace Platform.Contracts.Audit;

/// <summary>
/// A key's usage broke from its history: a volume spike against its baseline, or requests from an IP
/// range (/24 IPv4, /48 IPv6) it had never used. Carries the evidence. Producer: Audit. Consumers:
/// Audit itself (recorded in the key's chain, sent to the account's webhooks).
/// </summary>
public sealed record UnusualUsageDetected(
    Guid EventId,
    Guid KeyId,
    Guid AccountId,
    string Kind,
    DateTimeOffset Minute,
    long Count,
    double? Baseline,
    IReadOnlyList<string> NewRanges,
    IReadOnlyList<string> Ips,
    string Actor,
    DateTimeOffset OccurredAt) : IAuditedEvent
{
    public const string VolumeSpike = "volume-spike";
    public const string NewIpRange = "new-ip-range";

    /// <summary>Always 0: a finding of Audit's, not an event of the key's stream.</summary>
    public long SourceVersion => 0;

    public string SubjectType => AuditSubjects.Key;

    public Guid SubjectId => KeyId;
}
