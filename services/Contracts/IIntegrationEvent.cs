namespace Platform.Contracts;

/// <summary>
/// What every integration event carries so consumers can deduplicate redeliveries (by
/// <see cref="EventId"/>) and auditors can tell who did what, when.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    /// <summary>Who caused it: a key id, a client id, a user, or "system".</summary>
    string Actor { get; }

    DateTimeOffset OccurredAt { get; }
}
