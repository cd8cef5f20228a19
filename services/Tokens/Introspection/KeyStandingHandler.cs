using Marten;
using Platform.Contracts.Keys;

namespace Platform.Tokens.Introspection;

/// <summary>
/// Keeps tokens exchanged for an API key within the key: Keys announces every change of its authority
/// here (durable queue). Redelivery and reordering are harmless: a standing only moves forward in
/// time, and a revoked or expired key never comes back.
/// </summary>
public static class KeyStandingHandler
{
    public static Task Handle(KeyRevoked e, IDocumentSession session, CancellationToken ct) => Apply(session, e, KeyState.Revoked, null, ct);

    public static Task Handle(KeyExpired e, IDocumentSession session, CancellationToken ct) => Apply(session, e, KeyState.Expired, null, ct);

    public static Task Handle(KeySuspended e, IDocumentSession session, CancellationToken ct) => Apply(session, e, KeyState.Suspended, null, ct);

    public static Task Handle(KeyReinstated e, IDocumentSession session, CancellationToken ct) => Apply(session, e, KeyState.Active, null, ct);

    public static Task Handle(KeyScopesChanged e, IDocumentSession session, CancellationToken ct) => Apply(session, e, null, [.. e.Scopes], ct);

    private static async Task Apply(IDocumentSession session, IKeyAuthorityChanged e, KeyState? state, string[]? scopes, CancellationToken ct)
    {
        var current = await session.LoadAsync<KeyStanding>(e.KeyId, ct);
        if (Next(current, e.KeyId, state, scopes, e.OccurredAt, e.SourceVersion) is { } next) session.Store(next);
    }

    /// <summary>The pure decision: the new standing, or null when the event changes nothing.</summary>
    public static KeyStanding? Next(KeyStanding? current, Guid keyId, KeyState? state, string[]? scopes, DateTimeOffset at, long version = 0)
    {
        if (current is null) return new KeyStanding(keyId, state ?? KeyState.Active, scopes, at) { Version = version };
        if (current.Ended) return null;
        var newer = at >= current.ChangedAt;
        // A late, older event may still end the key (an end is final) but never overrides a newer state.
        if (!newer && state is not (KeyState.Revoked or KeyState.Expired)) return null;
        return current with
        {
            State = state ?? current.State, Scopes = scopes ?? current.Scopes, ChangedAt = newer ? at : current.ChangedAt,
            Version = Math.Max(current.Version, version),
        };
    }
}
