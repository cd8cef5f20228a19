using Marten;
using Platform.Agents.Credentials;
using Platform.Contracts.Keys;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Platform.Agents.KeyAuthority;

/// <summary>
/// Keys' authority changes, from the agents queue (durable: sent while this service is down, they wait
/// there). Suspension, reinstatement and scope changes are recorded once per key and applied by
/// verification; revoked and expired keys also cascade-revoke every credential derived from them, at
/// any depth. Redelivery changes nothing: each decision compares with what is already stored.
/// </summary>
public static class FollowKeyAuthorityHandler
{
    public const string Actor = "system";

    public static IMartenOp Handle(KeySuspended e, [Entity(nameof(KeySuspended.KeyId), Required = false)] KeyStanding? stored) =>
        Change(stored, e);

    public static IMartenOp Handle(KeyReinstated e, [Entity(nameof(KeyReinstated.KeyId), Required = false)] KeyStanding? stored) =>
        Change(stored, e);

    public static IMartenOp Handle(KeyScopesChanged e, [Entity(nameof(KeyScopesChanged.KeyId), Required = false)] KeyStanding? stored) =>
        Change(stored, e);

    public static Task<(OutgoingMessages, IEnumerable<IMartenOp>)> Handle(KeyRevoked e, IDocumentSession session, CancellationToken ct) =>
        EndAsync(e, RevocationCauses.KeyRevoked, session, ct);

    public static Task<(OutgoingMessages, IEnumerable<IMartenOp>)> Handle(KeyExpired e, IDocumentSession session, CancellationToken ct) =>
        EndAsync(e, RevocationCauses.KeyExpired, session, ct);

    /// <summary>
    /// Insert, update or leave the key's standing (<see cref="KeyStanding.After(KeyStanding?, IKeyAuthorityChanged)"/> decides).
    /// The standing has optimistic concurrency (see the module): of two events about one key handled at once, the
    /// loser is retried, reads again, and the event times decide.
    /// </summary>
    public static IMartenOp Change(KeyStanding? stored, IKeyAuthorityChanged e)
    {
        if (KeyStanding.After(stored, e) is not { } changed) return MartenOps.Nothing();
        return stored is null ? MartenOps.Insert(changed) : MartenOps.Update(changed);
    }

    private static async Task<(OutgoingMessages, IEnumerable<IMartenOp>)> EndAsync(IKeyAuthorityChanged e, string cause, IDocumentSession session, CancellationToken ct)
    {
        var stored = await session.LoadAsync<KeyStanding>(e.KeyId, ct);
        var derived = await session.Query<AgentCredential>().Where(c => c.KeyId == e.KeyId && c.Status == CredentialStatus.Active).ToListAsync(ct);
        var cascade = Cascade.Revoke(derived, cause, e.KeyId, e.EventId, Actor, e.OccurredAt);
        return (cascade.Announcements, [Change(stored, e), .. cascade.Appends]);
    }
}
