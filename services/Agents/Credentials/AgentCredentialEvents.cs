namespace Platform.Agents.Credentials;

// The events of one agent credential's stream. Past tense, data only; never rename one that has been stored.

/// <summary>
/// First event of every credential's stream. <see cref="Lineage"/> lists the credentials it was narrowed
/// from, oldest first (empty when minted straight from the key <see cref="KeyId"/>). <see cref="SignInId"/> is the sign-in
/// (Tokens' refresh family) of the access token it was minted from, inherited by its children. Carries the secret's hash only.
/// </summary>
public sealed record CredentialMinted(
    Guid CredentialId,
    Guid AccountId,
    string AgentId,
    Guid KeyId,
    DateTimeOffset? KeyExpiresAt,
    Guid[] Lineage,
    string[] Scopes,
    string[]? Tools,
    string[]? Resources,
    long? RequestBudget,
    string SecretHash,
    string Last4,
    DateTimeOffset ExpiresAt,
    string Actor,
    DateTimeOffset MintedAt,
    Guid? SignInId = null);

/// <summary>A new secret and expiry; the previous secret still works until <see cref="PreviousValidUntil"/>.</summary>
public sealed record CredentialRefreshed(
    Guid CredentialId, string SecretHash, string Last4, DateTimeOffset ExpiresAt, DateTimeOffset PreviousValidUntil, string Actor, DateTimeOffset RefreshedAt);

/// <summary>This credential minted a narrower child for a sub-agent: the parent's side of the link.</summary>
public sealed record ChildCredentialMinted(Guid CredentialId, Guid ChildId, string ChildAgentId, string Actor, DateTimeOffset MintedAt);

public sealed record CredentialRevoked(Guid CredentialId, string Reason, string Actor, DateTimeOffset RevokedAt);

/// <summary>Revoked because what it derives from stopped; see <see cref="RevocationCauses"/>.</summary>
public sealed record CredentialCascadeRevoked(Guid CredentialId, string Cause, Guid CauseId, Guid CauseEventId, string Actor, DateTimeOffset RevokedAt);

public sealed record CredentialExpired(Guid CredentialId, string Actor, DateTimeOffset ExpiredAt);

public static class RevocationCauses
{
    public const string KeyRevoked = "key-revoked";
    public const string KeyExpired = "key-expired";
    public const string ParentRevoked = "parent-revoked";
    public const string SignInEnded = "sign-in-ended";
    public const string AccountSuspended = "account-suspended";
}
