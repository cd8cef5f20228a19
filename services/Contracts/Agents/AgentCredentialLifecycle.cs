namespace Platform.Contracts.Agents;

// The lifecycle of an agent credential. Producer: Agents. Consumer: Audit (records each in the
// credential's history). None carries a secret or its hash. Agents announces every event of a credential's
// stream, each with SourceVersion, the version it got there.

/// <summary>
/// An agent credential was minted: from an API key (<see cref="ParentCredentialId"/> null) or, narrower,
/// from another agent credential for a sub-agent. Producer: Agents. Consumers: Audit.
/// </summary>
public sealed record AgentCredentialMinted(
    Guid EventId,
    Guid CredentialId,
    Guid AccountId,
    string AgentId,
    Guid KeyId,
    Guid? ParentCredentialId,
    int Depth,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? Tools,
    IReadOnlyList<string>? Resources,
    long? RequestBudget,
    string Display,
    DateTimeOffset ExpiresAt,
    string Actor,
    DateTimeOffset OccurredAt) : IAgentCredentialEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>The credential minted a narrower child (<see cref="ChildCredentialId"/>) for a sub-agent. Producer: Agents. Consumers: Audit.</summary>
public sealed record AgentCredentialRestricted(
    Guid EventId, Guid CredentialId, Guid AccountId, Guid ChildCredentialId, string ChildAgentId, string Actor, DateTimeOffset OccurredAt) : IAgentCredentialEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>
/// The credential was exchanged for a new secret with a new expiry; the previous secret keeps working
/// until <see cref="PreviousValidUntil"/>. Producer: Agents. Consumers: Audit.
/// </summary>
public sealed record AgentCredentialRefreshed(
    Guid EventId, Guid CredentialId, Guid AccountId, string Display, DateTimeOffset ExpiresAt, DateTimeOffset PreviousValidUntil, string Actor, DateTimeOffset OccurredAt) : IAgentCredentialEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>The credential was revoked by its account. Producer: Agents. Consumers: Audit.</summary>
public sealed record AgentCredentialRevoked(
    Guid EventId, Guid CredentialId, Guid AccountId, string Reason, string Actor, DateTimeOffset OccurredAt) : IAgentCredentialEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>
/// The credential was revoked because something it derives from stopped: <see cref="Cause"/> is
/// "key-revoked", "key-expired" (<see cref="CauseId"/> the key) or "parent-revoked" (the credential).
/// <see cref="CauseEventId"/> is the event that started the cascade. Producer: Agents. Consumers: Audit.
/// </summary>
public sealed record AgentCredentialCascadeRevoked(
    Guid EventId, Guid CredentialId, Guid AccountId, string Cause, Guid CauseId, Guid CauseEventId, string Actor, DateTimeOffset OccurredAt) : IAgentCredentialEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>The credential reached its expiry without being refreshed. Producer: Agents. Consumers: Audit.</summary>
public sealed record AgentCredentialExpired(
    Guid EventId, Guid CredentialId, Guid AccountId, string Actor, DateTimeOffset OccurredAt) : IAgentCredentialEvent
{
    public long SourceVersion { get; init; }
}
