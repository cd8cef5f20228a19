using Platform.Contracts.Agents;
using Wolverine;
using Wolverine.Marten;

namespace Platform.Agents.Credentials;

/// <summary>Scheduled for a credential's expiry whenever it is minted or refreshed.</summary>
public sealed record ExpireCredential(Guid CredentialId);

public static class ExpireCredentialHandler
{
    public const string Actor = "system";

    /// <remarks>A vanished credential, or one not due (refreshed meanwhile, or a redelivered message), changes nothing.</remarks>
    public static (Events, OutgoingMessages) Handle(ExpireCredential command,
        [WriteAggregate(nameof(ExpireCredential.CredentialId), Required = false)] AgentCredential? credential, TimeProvider clock) =>
        credential is not null && Decide(credential, clock.GetUtcNow()) is { } expired
            ? ([expired], [CredentialAnnouncements.For(credential, expired)])
            : ([], []);

    /// <summary>Only an active credential that is due: a refresh meanwhile, or a redelivered message, changes nothing.</summary>
    public static CredentialExpired? Decide(AgentCredential credential, DateTimeOffset now) =>
        credential.Status == CredentialStatus.Active && credential.ExpiresAt <= now ? new CredentialExpired(credential.Id, Actor, now) : null;
}
