// Stands for an audited event another service will define in its own contracts namespace.
namespace Platform.Contracts.Tokens;

public sealed record ClientSecretRotatedForTest(Guid EventId, Guid ClientId, Guid AccountId, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.Client;

    public Guid SubjectId => ClientId;
}
