namespace Platform.Contracts.Keys;

/// <summary>
/// An API key was issued. Producer: Keys. Consumers: Audit (records it in the key's history).
/// Carries the key's display form only; the secret never leaves the Keys service.
/// </summary>
public sealed record KeyIssued(
    Guid EventId,
    Guid KeyId,
    Guid AccountId,
    string Name,
    string Environment,
    IReadOnlyList<string> Scopes,
    string Display,
    DateTimeOffset? ExpiresAt,
    string Actor,
    DateTimeOffset OccurredAt) : IKeyEvent
{
    public long SourceVersion { get; init; }
}
