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

/// <summary>
/// Refused verifies of a known credential, by reason: what it may not use (403: scope, tool, resource), its spent
/// request budget (429), and its standing (401): revoked (itself, an ancestor or its key), expired (itself, a secret
/// replaced by a refresh past its grace, or its key), suspended (its key or its account), another agent's X-Agent-ID.
/// </summary>
public sealed record CredentialRefusals(long ScopeDenied, long ToolDenied, long ResourceDenied, long BudgetSpent, long Revoked, long Expired, long Suspended, long WrongAgent)
{
    public static readonly CredentialRefusals None = new(0, 0, 0, 0, 0, 0, 0, 0);

    public long Total => ScopeDenied + ToolDenied + ResourceDenied + BudgetSpent + Revoked + Expired + Suspended + WrongAgent;
}

/// <summary>One bucket from <see cref="Minute"/> (its first minute): <see cref="Denied"/> is every refusal, <see cref="Refused"/> the same by reason.</summary>
public sealed record CredentialUsagePoint(DateTimeOffset Minute, long Allowed, long Denied, CredentialRefusals Refused);

/// <summary>
/// A credential's verify outcomes over [From, To), with the tools refused calls named and the series in buckets of
/// <see cref="BucketMinutes"/> (only buckets with any). Minutes written before refusals were told apart count theirs in
/// <see cref="Denied"/> only.
/// </summary>
public sealed record CredentialUsage(Guid CredentialId, DateTimeOffset From, DateTimeOffset To, long Allowed, long Denied,
    IReadOnlyDictionary<string, long> DeniedTools, IReadOnlyList<CredentialUsagePoint> Minutes, CredentialRefusals Refused, int BucketMinutes);
