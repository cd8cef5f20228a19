using Marten;
using Platform.Contracts.Agents;
using Wolverine;

namespace Platform.Agents.Credentials;

/// <summary>Scheduled for a credential's expiry whenever it is minted or refreshed.</summary>
public sealed record ExpireCredential(Guid CredentialId);

public static class ExpireCredentialHandler
{
    public const string Actor = "system";

    public static async Task<OutgoingMessages> Handle(ExpireCredential command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<AgentCredential>(command.CredentialId, ct);
        if (stream.Aggregate is not { } credential || Decide(credential, clock.GetUtcNow()) is not { } expired) return [];
        stream.AppendOne(expired);
        return [CredentialAnnouncements.For(credential, expired)];
    }

    /// <summary>Only an active credential that is due: a refresh meanwhile, or a redelivered message, changes nothing.</summary>
    public static CredentialExpired? Decide(AgentCredential credential, DateTimeOffset now) =>
        credential.Status == CredentialStatus.Active && credential.ExpiresAt <= now ? new CredentialExpired(credential.Id, Actor, now) : null;
}
