using Platform.Contracts.Agents;

namespace Platform.Agents.Credentials;

/// <summary>The integration events that announce stream events to Audit.</summary>
public static class CredentialAnnouncements
{
    public static AgentCredentialMinted Minted(AgentCredential c, string actor) => new(
        Guid.CreateVersion7(), c.Id, c.AccountId, c.AgentId, c.KeyId, c.ParentId, c.Depth, c.Scopes, c.Tools, c.Resources,
        c.RequestBudget, c.Display, c.ExpiresAt, actor, c.CreatedAt);
}
