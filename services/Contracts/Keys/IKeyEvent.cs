namespace Platform.Contracts.Keys;

/// <summary>An integration event about one API key: what Audit records in that key's history.</summary>
public interface IKeyEvent : IAuditedEvent
{
    Guid KeyId { get; }

    string IAuditedEvent.SubjectType => AuditSubjects.Key;

    Guid IAuditedEvent.SubjectId => KeyId;
}
