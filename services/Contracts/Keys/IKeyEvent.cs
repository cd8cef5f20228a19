namespace Platform.Contracts.Keys;

/// <summary>An integration event about one API key: what Audit records in that key's history.</summary>
public interface IKeyEvent : IIntegrationEvent
{
    Guid KeyId { get; }

    Guid AccountId { get; }
}
