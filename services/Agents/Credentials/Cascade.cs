using Marten;
using Platform.Contracts.Agents;
using Wolverine;

namespace Platform.Agents.Credentials;

public static class Cascade
{
    /// <summary>The pure part: the revocation each still-active credential gets, with its announcement.</summary>
    public static IEnumerable<(CredentialCascadeRevoked Event, IAgentCredentialEvent Announcement)> Decide(
        IEnumerable<AgentCredential> derived, string cause, Guid causeId, Guid causeEventId, string actor, DateTimeOffset now) =>
        derived.Where(c => c.Status == CredentialStatus.Active).Select(c =>
        {
            var revoked = new CredentialCascadeRevoked(c.Id, cause, causeId, causeEventId, actor, now);
            return (revoked, CredentialAnnouncements.For(c, revoked));
        });

    /// <summary>
    /// Appends each revocation to its credential's stream; the announcements go out with the same commit.
    /// Note: at the version the announcement names, so a credential changed meanwhile fails the commit (and the
    /// caller retries or answers 409) instead of announcing a version its event did not get.
    /// </summary>
    public static OutgoingMessages Revoke(
        IEnumerable<AgentCredential> derived, string cause, Guid causeId, Guid causeEventId, string actor, DateTimeOffset now, IDocumentSession session)
    {
        var messages = new OutgoingMessages();
        foreach (var (revoked, announcement) in Decide(derived, cause, causeId, causeEventId, actor, now))
        {
            session.Events.Append(revoked.CredentialId, announcement.SourceVersion, revoked);
            messages.Add(announcement);
        }
        return messages;
    }
}
