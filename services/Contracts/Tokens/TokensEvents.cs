namespace Platform.Contracts.Tokens;

// The lifecycle of the authorization server's long-lived things. Producer: Tokens. Consumer: Audit
// (one history per client, signing key and refresh family). Token issuance itself is counted, not evented.
// SourceVersion is the version the announced event got in the subject's stream. Not every stream event is
// announced (a client's first use, a refresh family's rotations), so these versions may skip numbers.

/// <summary>An OAuth client was registered. Producer: Tokens. Consumers: Audit. Never carries the secret.</summary>
public sealed record ClientRegistered(
    Guid EventId, Guid ClientId, Guid AccountId, string Name, string ClientType, IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> Scopes, IReadOnlyList<string> GrantTypes, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.Client;

    public Guid SubjectId => ClientId;
}

/// <summary>A client's secret was replaced; the previous one works until <see cref="PreviousValidUntil"/>. Producer: Tokens. Consumers: Audit.</summary>
public sealed record ClientSecretRotated(Guid EventId, Guid ClientId, Guid AccountId, DateTimeOffset PreviousValidUntil, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.Client;

    public Guid SubjectId => ClientId;
}

/// <summary>A client can no longer obtain tokens, and its tokens no longer introspect as active. Producer: Tokens. Consumers: Audit.</summary>
public sealed record ClientDisabled(Guid EventId, Guid ClientId, Guid AccountId, string Reason, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.Client;

    public Guid SubjectId => ClientId;
}

/// <summary>A signing key was published in the JWKS; it signs from <see cref="ActivatesAt"/>. Producer: Tokens. Consumers: Audit.</summary>
public sealed record SigningKeyPublished(Guid EventId, Guid SigningKeyId, string Kid, string Algorithm, DateTimeOffset ActivatesAt, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.SigningKey;

    public Guid SubjectId => SigningKeyId;

    public Guid AccountId => Guid.Empty;
}

/// <summary>A signing key left the JWKS: the last token it signed has expired. Producer: Tokens. Consumers: Audit.</summary>
public sealed record SigningKeyWithdrawn(Guid EventId, Guid SigningKeyId, string Kid, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.SigningKey;

    public Guid SubjectId => SigningKeyId;

    public Guid AccountId => Guid.Empty;
}

/// <summary>A user signed in through the code flow and a refresh family began. Producer: Tokens. Consumers: Audit.</summary>
public sealed record RefreshFamilyStarted(Guid EventId, Guid FamilyId, Guid AccountId, Guid ClientId, string Subject, IReadOnlyList<string> Scopes, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.RefreshFamily;

    public Guid SubjectId => FamilyId;
}

/// <summary>
/// A refresh family ended before its time: revoked by its client, by reuse of an old refresh token
/// (RFC 9700 §4.14.2), or because its client was disabled. Producer: Tokens. Consumers: Audit.
/// </summary>
public sealed record RefreshFamilyRevoked(Guid EventId, Guid FamilyId, Guid AccountId, string Reason, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    public long SourceVersion { get; init; }

    public string SubjectType => AuditSubjects.RefreshFamily;

    public Guid SubjectId => FamilyId;
}

/// <summary>An account user was locked out after repeated failed sign-ins. Producer: Tokens. Consumers: Audit.</summary>
public sealed record UserLockedOut(Guid EventId, Guid UserId, Guid AccountId, DateTimeOffset LockedUntil, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    /// <summary>Always 0: users are documents, not event streams.</summary>
    public long SourceVersion => 0;

    public string SubjectType => AuditSubjects.User;

    public Guid SubjectId => UserId;
}

/// <summary>
/// A person was removed from their account: they can no longer sign in, and their sign-ins were ended with it
/// (each a <see cref="RefreshFamilyRevoked"/>). Producer: Tokens. Consumers: Audit.
/// </summary>
public sealed record UserRemoved(Guid EventId, Guid UserId, Guid AccountId, string Email, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    /// <summary>Always 0: users are documents, not event streams.</summary>
    public long SourceVersion => 0;

    public string SubjectType => AuditSubjects.User;

    public Guid SubjectId => UserId;
}

/// <summary>
/// An admin required a person to choose a new password at their next sign-in; their sign-ins were ended with it.
/// Producer: Tokens. Consumers: Audit.
/// </summary>
public sealed record UserPasswordChangeRequired(Guid EventId, Guid UserId, Guid AccountId, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    /// <summary>Always 0: users are documents, not event streams.</summary>
    public long SourceVersion => 0;

    public string SubjectType => AuditSubjects.User;

    public Guid SubjectId => UserId;
}

/// <summary>
/// A person chose a new password, through the API or on the login page when a change was required. Never carries
/// the password. Producer: Tokens. Consumers: Audit.
/// </summary>
public sealed record UserPasswordChanged(Guid EventId, Guid UserId, Guid AccountId, string Actor, DateTimeOffset OccurredAt) : IAuditedEvent
{
    /// <summary>Always 0: users are documents, not event streams.</summary>
    public long SourceVersion => 0;

    public string SubjectType => AuditSubjects.User;

    public Guid SubjectId => UserId;
}
