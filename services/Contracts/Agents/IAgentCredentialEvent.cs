namespace Platform.Contracts.Agents;

/// <summary>An integration event about one agent credential: what Audit records in that credential's history.</summary>
public interface IAgentCredentialEvent : IAuditedEvent
{
    Guid CredentialId { get; }

    string IAuditedEvent.SubjectType => AuditSubjects.AgentCredential;

    Guid IAuditedEvent.SubjectId => CredentialId;
}
