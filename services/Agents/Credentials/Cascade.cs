using Platform.Contracts.Agents;
using Platform.Infrastructure.Persistence;

namespace Platform.Agents.Credentials;

public static class Cascade
{
    /// <summary>
    /// The pure decision: a revocation for each still-active credential, appended to its own stream at the version
    /// read (a credential changed meanwhile fails the commit, and the caller retries or answers 409, instead of
    /// announcing a version its event did not get), with its announcement.
    /// </summary>
    public static Fanout Revoke(IEnumerable<AgentCredential> derived, string cause, Guid causeId, Guid causeEventId, string actor, DateTimeOffset now)
    {
        var fanout = Fanout.Empty;
        foreach (var credential in derived.Where(c => c.Status == CredentialStatus.Active))
        {
            var revoked = new CredentialCascadeRevoked(credential.Id, cause, causeId, causeEventId, actor, now);
            fanout.Add(new AppendTo<AgentCredential>(credential.Id, credential.Version, revoked), CredentialAnnouncements.For(credential, revoked));
        }
        return fanout;
    }
}
