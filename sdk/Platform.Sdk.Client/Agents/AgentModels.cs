namespace Platform.Sdk.Client.Agents;

/// <summary>
/// Mint a credential for <paramref name="AgentId"/>; omitted grants are all the parent's, lifetime one hour.
/// The parent is the calling credential, or with <paramref name="KeyId"/> that key of the account (the caller
/// must manage keys; it needs no secret of the key).
/// </summary>
public sealed record MintCredentialRequest(string AgentId, IReadOnlyList<string>? Scopes = null, IReadOnlyList<string>? Tools = null,
    IReadOnlyList<string>? Resources = null, int? LifetimeSeconds = null, long? RequestBudget = null, Guid? KeyId = null);

/// <summary>Narrow a credential into a child for the sub-agent <paramref name="AgentId"/>.</summary>
public sealed record RestrictCredentialRequest(string AgentId, IReadOnlyList<string>? Scopes = null, IReadOnlyList<string>? Tools = null,
    IReadOnlyList<string>? Resources = null, int? LifetimeSeconds = null, long? RequestBudget = null);

/// <summary>Mint's and restrict's answer: the only ones that hold the credential's secret.</summary>
public sealed record MintedCredential(
    Guid Id, string Token, string AgentId, string Display, string[] Scopes, string[]? Tools, string[]? Resources,
    long? RequestBudget, int Depth, Guid? ParentId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"MintedCredential {{ Id = {Id}, AgentId = {AgentId}, Display = {Display}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>Refresh's answer: the new secret, and until when the replaced one still works.</summary>
public sealed record RefreshedCredential(Guid Id, string Token, string AgentId, string Display, DateTimeOffset ExpiresAt, DateTimeOffset PreviousValidUntil)
{
    public override string ToString() => $"RefreshedCredential {{ Id = {Id}, AgentId = {AgentId}, Display = {Display}, ExpiresAt = {ExpiresAt:O} }}";
}

public sealed record CredentialView(
    Guid Id, Guid AccountId, string AgentId, string Display, string Status, string[] Scopes, string[]? Tools, string[]? Resources,
    long? RequestBudget, Guid KeyId, Guid? ParentId, Guid[] Lineage, Guid[] Children, int Depth,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RefreshedAt, string? RevocationReason, long Version);

public sealed record CredentialPage(IReadOnlyList<CredentialView> Items, Guid? Next);
