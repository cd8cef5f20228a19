namespace Platform.Agents.Credentials;

/// <summary>The only responses that ever contain a credential's secret: mint and restrict.</summary>
public sealed record MintedCredential(
    Guid Id, string Token, string AgentId, string Display, string[] Scopes, string[]? Tools, string[]? Resources,
    long? RequestBudget, int Depth, Guid? ParentId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Refresh's answer: the new secret, and until when the one it replaces keeps working.</summary>
public sealed record RefreshedCredential(Guid Id, string Token, string AgentId, string Display, DateTimeOffset ExpiresAt, DateTimeOffset PreviousValidUntil);

/// <summary>A credential as its account sees it: never the secret nor its hash.</summary>
public sealed record CredentialView(
    Guid Id, Guid AccountId, string AgentId, string Display, string Status, string[] Scopes, string[]? Tools, string[]? Resources,
    long? RequestBudget, Guid KeyId, Guid? ParentId, Guid[] Lineage, Guid[] Children, int Depth,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RefreshedAt, string? RevocationReason, long Version);

public static class CredentialResponses
{
    public static MintedCredential Minted(AgentCredential c, string token) =>
        new(c.Id, token, c.AgentId, c.Display, c.Scopes, c.Tools, c.Resources, c.RequestBudget, c.Depth, c.ParentId, c.CreatedAt, c.ExpiresAt);

    public static CredentialView View(AgentCredential c) => new(
        c.Id, c.AccountId, c.AgentId, c.Display, c.Status.ToString().ToLowerInvariant(), c.Scopes, c.Tools, c.Resources,
        c.RequestBudget, c.KeyId, c.ParentId, c.Lineage, c.Children, c.Depth, c.CreatedAt, c.ExpiresAt, c.RefreshedAt, c.RevocationReason, c.Version);
}
