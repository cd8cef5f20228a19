using Marten;
using Platform.Agents.Credentials;
using Platform.Contracts.Tokens;
using Wolverine;
using Wolverine.Marten;

namespace Platform.Agents.KeyAuthority;

/// <summary>
/// A sign-in ended at Tokens (signed out, refresh token reuse, revoked by its client): every credential minted
/// from its access tokens, at any depth, is revoked with it, as a key's revocation cascades. From the durable agents
/// queue, so a sign-out while this service is down is applied when it starts; redelivery finds nothing active.
/// </summary>
public static class FollowSignInsHandler
{
    public static Task<IReadOnlyList<AgentCredential>> LoadAsync(RefreshFamilyRevoked e, IDocumentSession session, CancellationToken ct) =>
        session.Query<AgentCredential>().Where(c => c.SignInId == e.FamilyId && c.Status == CredentialStatus.Active).ToListAsync(ct);

    public static (OutgoingMessages, IEnumerable<IMartenOp>) Handle(RefreshFamilyRevoked e, IReadOnlyList<AgentCredential> derived) =>
        Cascade.Revoke(derived, RevocationCauses.SignInEnded, e.FamilyId, e.EventId, FollowKeyAuthorityHandler.Actor, e.OccurredAt).Effects;
}
