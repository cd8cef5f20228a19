namespace Platform.Keys.ApiKeys;

// The events of one key's stream. Past tense, data only; never rename one that has been stored.

/// <summary>First event of every key's stream. Carries the secret's hash only, never the secret.</summary>
public sealed record ApiKeyIssued(
    Guid KeyId,
    Guid AccountId,
    string Name,
    KeyEnvironment Environment,
    string[] Scopes,
    string SecretHash,
    string Last4,
    DateTimeOffset? ExpiresAt,
    string Actor,
    DateTimeOffset IssuedAt,
    Guid? PredecessorId = null,
    RateLimit? RateLimit = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>At most <see cref="Limit"/> verifications per window of <see cref="WindowSeconds"/>.</summary>
public sealed record RateLimit(int Limit, int WindowSeconds);

public sealed record ApiKeyRenamed(Guid KeyId, string Name, string Actor, DateTimeOffset RenamedAt);

public sealed record ApiKeyScopesChanged(Guid KeyId, string[] Scopes, string Actor, DateTimeOffset ChangedAt);

public sealed record ApiKeyRevoked(Guid KeyId, string Reason, string Actor, DateTimeOffset RevokedAt);

/// <summary><see cref="WithAccount"/>: suspended because its account was, so the account's reinstatement reinstates it.</summary>
public sealed record ApiKeySuspended(Guid KeyId, string Reason, string Actor, DateTimeOffset SuspendedAt, bool WithAccount = false);

public sealed record ApiKeyReinstated(Guid KeyId, string Actor, DateTimeOffset ReinstatedAt);

/// <summary>A successor was issued; this key stops at <see cref="OverlapEndsAt"/> (its expiry, if earlier, still holds).</summary>
public sealed record ApiKeyRotated(Guid KeyId, Guid SuccessorId, DateTimeOffset OverlapEndsAt, string Actor, DateTimeOffset RotatedAt);

public sealed record ApiKeyExpired(Guid KeyId, string Actor, DateTimeOffset ExpiredAt);

/// <summary>Raised once, when the key reaches the rotation policy's age still unrotated.</summary>
public sealed record ApiKeyRotationDue(Guid KeyId, string Actor, DateTimeOffset DueAt);
