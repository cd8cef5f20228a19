using Platform.Contracts.Agents;
using Platform.Secrets;

namespace Platform.Agents.Credentials;

/// <summary>
/// The one place a credential's stream event becomes the integration event Audit hears. Each carries the version
/// its event got in the credential's stream; Audit checks that none is missing.
/// </summary>
public static class CredentialAnnouncements
{
    /// <summary>The first event of the credential's stream: version 1.</summary>
    public static AgentCredentialMinted Minted(AgentCredential c, string actor) => new(
        Guid.CreateVersion7(), c.Id, c.AccountId, c.AgentId, c.KeyId, c.ParentId, c.Depth, c.Scopes, c.Tools, c.Resources,
        c.RequestBudget, c.Display, c.ExpiresAt, actor, c.CreatedAt) { SourceVersion = 1 };

    /// <param name="credential">The credential as it was before <paramref name="e"/>.</param>
    /// <param name="e">The event appended to its stream.</param>
    public static IAgentCredentialEvent For(AgentCredential credential, object e)
    {
        var (id, c, version) = (Guid.CreateVersion7(), credential, credential.Version + 1);
        return e switch
        {
            CredentialRefreshed x => new AgentCredentialRefreshed(id, c.Id, c.AccountId, SecretFormat.Display(SecretFormat.AgentTokenPrefix, x.Last4),
                x.ExpiresAt, x.PreviousValidUntil, x.Actor, x.RefreshedAt) { SourceVersion = version },
            ChildCredentialMinted x => new AgentCredentialRestricted(id, c.Id, c.AccountId, x.ChildId, x.ChildAgentId, x.Actor, x.MintedAt) { SourceVersion = version },
            CredentialRevoked x => new AgentCredentialRevoked(id, c.Id, c.AccountId, x.Reason, x.Actor, x.RevokedAt) { SourceVersion = version },
            CredentialCascadeRevoked x => new AgentCredentialCascadeRevoked(id, c.Id, c.AccountId, x.Cause, x.CauseId, x.CauseEventId, x.Actor, x.RevokedAt)
                { SourceVersion = version },
            CredentialExpired x => new AgentCredentialExpired(id, c.Id, c.AccountId, x.Actor, x.ExpiredAt) { SourceVersion = version },
            _ => throw new ArgumentException($"not an event that changes a credential: {e.GetType().Name}", nameof(e)),
        };
    }
}
