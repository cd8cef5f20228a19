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
        Change(stored, e.KeyId, k => k.WithState(KeyState.Suspended, e.OccurredAt).Seen(e.SourceVersion));

    public static IMartenOp Handle(KeyReinstated e, [Entity(nameof(KeyReinstated.KeyId), Required = false)] KeyStanding? stored) =>
        Change(stored, e.KeyId, k => k.WithState(KeyState.Active, e.OccurredAt).Seen(e.SourceVersion));

    public static IMartenOp Handle(KeyScopesChanged e, [Entity(nameof(KeyScopesChanged.KeyId), Required = false)] KeyStanding? stored) =>
        Change(stored, e.KeyId, k => k.WithScopes(e.Scopes, e.OccurredAt).Seen(e.SourceVersion));

    public static Task<(OutgoingMessages, IEnumerable<IMartenOp>)> Handle(KeyRevoked e, IDocumentSession session, CancellationToken ct) =>
        EndAsync(e.KeyId, KeyState.Revoked, RevocationCauses.KeyRevoked, e, session, ct);

    public static Task<(OutgoingMessages, IEnumerable<IMartenOp>)> Handle(KeyExpired e, IDocumentSession session, CancellationToken ct) =>
        EndAsync(e.KeyId, KeyState.Expired, RevocationCauses.KeyExpired, e, session, ct);

    /// <summary>
    /// The pure decision: insert, update or leave the key's standing. The standing has optimistic
    /// concurrency (see the module): of two events about one key handled at once, the loser is retried,
    /// reads again, and the event times decide.
    /// </summary>
    public static IMartenOp Change(KeyStanding? stored, Guid keyId, Func<KeyStanding, KeyStanding> change)
    {
        var known = stored ?? KeyStanding.Unknown(keyId);
        var changed = change(known);
        return ReferenceEquals(changed, known) ? MartenOps.Nothing()
            : stored is null ? MartenOps.Insert(changed)
            : MartenOps.Update(changed);
    }

    private static async Task<(OutgoingMessages, IEnumerable<IMartenOp>)> EndAsync(Guid keyId, KeyState state, string cause, IKeyEvent e, IDocumentSession session, CancellationToken ct)
    {
        var stored = await session.LoadAsync<KeyStanding>(keyId, ct);
        var derived = await session.Query<AgentCredential>().Where(c => c.KeyId == keyId && c.Status == CredentialStatus.Active).ToListAsync(ct);
        var cascade = Cascade.Revoke(derived, cause, keyId, e.EventId, Actor, e.OccurredAt);
        return (cascade.Announcements, [Change(stored, keyId, k => k.WithState(state, e.OccurredAt).Seen(e.SourceVersion)), .. cascade.Appends]);
    }
}
