namespace Platform.Audit.Log;

/// <summary>The head of one subject's chain: what the next entry links to. Folded from its stream.</summary>
public sealed record AuditTrail(Guid Id, Guid AccountId, string SubjectType, long Length, string HeadHash)
{
    public static AuditTrail Create(AuditRecorded e) => new(e.SubjectId, e.AccountId, e.SubjectType, e.Position, e.Hash);

    public AuditTrail Apply(AuditRecorded e) => this with { Length = e.Position, HeadHash = e.Hash };
}
