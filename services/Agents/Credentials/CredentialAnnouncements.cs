using Platform.Contracts.Agents;

namespace Platform.Agents.Credentials;

/// <summary>The integration events that announce stream events to Audit.</summary>
/// <remarks>Each carries the version its event got in the credential's stream; Audit checks that none is missing.</remarks>
public static class CredentialAnnouncements
{
    /// <summary>The first event of the credential's stream: version 1.</summary>
    public static AgentCredentialMinted Minted(AgentCredential c, string actor) => new(
        Guid.CreateVersion7(), c.Id, c.AccountId, c.AgentId, c.KeyId, c.ParentId, c.Depth, c.Scopes, c.Tools, c.Resources,
        c.RequestBudget, c.Display, c.ExpiresAt, actor, c.CreatedAt) { SourceVersion = 1 };
}
