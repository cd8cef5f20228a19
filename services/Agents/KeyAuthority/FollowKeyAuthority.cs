using Marten;
using Platform.Agents.Credentials;
using Platform.Contracts.Agents;
using Platform.Contracts.Keys;
using Wolverine;

namespace Platform.Agents.KeyAuthority;

/// <summary>
/// Keys' authority changes, from the agents queue (durable: sent while this service is down, they wait
/// there). Revoked and expired keys cascade-revoke every credential derived from them, at any depth;
/// suspension, reinstatement and scope changes are recorded once per key and applied by verification.
/// Redelivery changes nothing: each decision compares with what is already stored.
/// </summary>
public static class FollowKeyAuthorityHandler
{
    public const string Actor = "system";

    public static Task<OutgoingMessages> Handle(KeyRevoked e, IDocumentSession session, CancellationToken ct) =>
        EndAsync(e.KeyId, KeyState.Revoked, RevocationCauses.KeyRevoked, e, session, ct);

    public static Task<OutgoingMessages> Handle(KeyExpired e, IDocumentSession session, CancellationToken ct) =>
        EndAsync(e.KeyId, KeyState.Expired, RevocationCauses.KeyExpired, e, session, ct);

    public static Task Handle(KeySuspended e, IDocumentSession session, CancellationToken ct) =>
        ChangeAsync(e.KeyId, k => k.WithState(KeyState.Suspended, e.OccurredAt), session, ct);

    public static Task Handle(KeyReinstated e, IDocumentSession session, CancellationToken ct) =>
        ChangeAsync(e.KeyId, k => k.WithState(KeyState.Active, e.OccurredAt), session, ct);

    public static Task Handle(KeyScopesChanged e, IDocumentSession session, CancellationToken ct) =>
        ChangeAsync(e.KeyId, k => k.WithScopes(e.Scopes, e.OccurredAt), session, ct);

    /// <remarks>
    /// Optimistic concurrency (see the module): two events about one key handled at once cannot both
    /// write from the same read; the loser is retried, re-reads, and the event times decide.
    /// </remarks>
    private static async Task ChangeAsync(Guid keyId, Func<KeyStanding, KeyStanding> change, IDocumentSession session, CancellationToken ct)
    {
        var stored = await session.LoadAsync<KeyStanding>(keyId, ct);
        var known = stored ?? KeyStanding.Unknown(keyId);
        var changed = change(known);
        if (ReferenceEquals(changed, known)) return;
        if (stored is null) session.Insert(changed);
        else session.Update(changed);
    }

    private static async Task<OutgoingMessages> EndAsync(Guid keyId, KeyState state, string cause, IKeyEvent e, IDocumentSession session, CancellationToken ct)
    {
        await ChangeAsync(keyId, k => k.WithState(state, e.OccurredAt), session, ct);
        var derived = await session.Query<AgentCredential>()
            .Where(c => c.KeyId == keyId && c.Status == CredentialStatus.Active).ToListAsync(ct);
        return Cascade.Revoke(derived, cause, keyId, e.EventId, Actor, e.OccurredAt, session);
    }
}
