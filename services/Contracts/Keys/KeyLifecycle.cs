namespace Platform.Contracts.Keys;

// The lifecycle of an API key after issue. Producer: Keys. Consumers: Audit (records each in the key's
// history); Agents and Tokens consume the IKeyAuthorityChanged ones to keep derived credentials within the key.
// Keys announces every event of a key's stream, each with SourceVersion, the version it got there.

/// <summary>The key's display name changed. Producer: Keys. Consumers: Audit.</summary>
public sealed record KeyRenamed(Guid EventId, Guid KeyId, Guid AccountId, string Name, string Actor, DateTimeOffset OccurredAt) : IKeyEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>The key's scopes were replaced. Producer: Keys. Consumers: Audit, Agents and Tokens.</summary>
public sealed record KeyScopesChanged(Guid EventId, Guid KeyId, Guid AccountId, IReadOnlyList<string> Scopes, string Actor, DateTimeOffset OccurredAt) : IKeyAuthorityChanged
{
    public long SourceVersion { get; init; }
}

/// <summary>The key stopped working for good. Producer: Keys. Consumers: Audit, Agents and Tokens (cascade).</summary>
public sealed record KeyRevoked(Guid EventId, Guid KeyId, Guid AccountId, string Reason, string Actor, DateTimeOffset OccurredAt) : IKeyAuthorityChanged
{
    public long SourceVersion { get; init; }
}

/// <summary>The key stopped working until reinstated. Producer: Keys. Consumers: Audit, Agents and Tokens.</summary>
public sealed record KeySuspended(Guid EventId, Guid KeyId, Guid AccountId, string Reason, string Actor, DateTimeOffset OccurredAt) : IKeyAuthorityChanged
{
    public long SourceVersion { get; init; }
}

/// <summary>A suspended key works again. Producer: Keys. Consumers: Audit, Agents and Tokens.</summary>
public sealed record KeyReinstated(Guid EventId, Guid KeyId, Guid AccountId, string Actor, DateTimeOffset OccurredAt) : IKeyAuthorityChanged
{
    public long SourceVersion { get; init; }
}

/// <summary>
/// A successor key was issued for this one; the old key keeps working until <see cref="OverlapEndsAt"/>.
/// Producer: Keys. Consumers: Audit.
/// </summary>
public sealed record KeyRotated(Guid EventId, Guid KeyId, Guid AccountId, Guid SuccessorId, DateTimeOffset OverlapEndsAt, string Actor, DateTimeOffset OccurredAt) : IKeyEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>The key reached its expiry (its own, or the end of a rotation overlap). Producer: Keys. Consumers: Audit, Agents and Tokens.</summary>
public sealed record KeyExpired(Guid EventId, Guid KeyId, Guid AccountId, string Actor, DateTimeOffset OccurredAt) : IKeyAuthorityChanged
{
    public long SourceVersion { get; init; }
}

/// <summary>The key reached the rotation policy's age without being rotated. Producer: Keys. Consumers: Audit; later webhooks.</summary>
public sealed record KeyRotationDue(Guid EventId, Guid KeyId, Guid AccountId, DateTimeOffset IssuedAt, string Actor, DateTimeOffset OccurredAt) : IKeyEvent
{
    public long SourceVersion { get; init; }
}
