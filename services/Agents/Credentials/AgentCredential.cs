using Platform.Secrets;

namespace Platform.Agents.Credentials;

public enum CredentialStatus { Active, Revoked, Expired }

/// <summary>
/// An agent credential's state, folded from its stream; the inline snapshot is what reads and the
/// verification index see. Invariants live in the command handlers, never here.
/// </summary>
public sealed record AgentCredential(
    Guid Id,
    Guid AccountId,
    string AgentId,
    Guid KeyId,
    DateTimeOffset? KeyExpiresAt,
    Guid[] Lineage,
    string[] Scopes,
    string[]? Tools,
    string[]? Resources,
    long? RequestBudget,
    CredentialStatus Status,
    string SecretHash,
    string Display,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The stream version the snapshot reflects (set by Marten).</summary>
    public long Version { get; init; }

    public Guid? ParentId => Lineage.Length == 0 ? null : Lineage[^1];

    /// <summary>1 when minted from a key; each restriction adds one.</summary>
    public int Depth => Lineage.Length + 1;

    public Guid[] Children { get; init; } = [];

    public string? PreviousSecretHash { get; init; }

    public DateTimeOffset? PreviousValidUntil { get; init; }

    public DateTimeOffset? RefreshedAt { get; init; }

    /// <summary>The sign-in of the access token it was minted from (or its ancestor was): it ends with it.</summary>
    public Guid? SignInId { get; init; }

    /// <summary>The owner's reason, or the cascade's cause.</summary>
    public string? RevocationReason { get; init; }

    public static AgentCredential Create(CredentialMinted e) => new(
        e.CredentialId, e.AccountId, e.AgentId, e.KeyId, e.KeyExpiresAt, e.Lineage, e.Scopes, e.Tools, e.Resources,
        e.RequestBudget, CredentialStatus.Active, e.SecretHash, SecretFormat.Display(SecretFormat.AgentTokenPrefix, e.Last4), e.MintedAt, e.ExpiresAt) { SignInId = e.SignInId };

    public AgentCredential Apply(CredentialRefreshed e) => this with
    {
        PreviousSecretHash = SecretHash,
        PreviousValidUntil = e.PreviousValidUntil,
        SecretHash = e.SecretHash,
        Display = SecretFormat.Display(SecretFormat.AgentTokenPrefix, e.Last4),
        ExpiresAt = e.ExpiresAt,
        RefreshedAt = e.RefreshedAt,
    };

    public AgentCredential Apply(ChildCredentialMinted e) => this with { Children = [.. Children, e.ChildId] };

    public AgentCredential Apply(CredentialRevoked e) => this with { Status = CredentialStatus.Revoked, RevocationReason = e.Reason };

    public AgentCredential Apply(CredentialCascadeRevoked e) => this with { Status = CredentialStatus.Revoked, RevocationReason = e.Cause };

    public AgentCredential Apply(CredentialExpired e) => this with { Status = CredentialStatus.Expired };

    public bool IsLiveAt(DateTimeOffset now) => Status == CredentialStatus.Active && ExpiresAt > now;
}
