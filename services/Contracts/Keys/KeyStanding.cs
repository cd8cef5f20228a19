namespace Platform.Contracts.Keys;

public enum KeyState { Active, Suspended, Revoked, Expired }

/// <summary>
/// What a follower of Keys (Agents, Tokens) knows of one key's authority, folded from the durable events
/// (<see cref="IKeyAuthorityChanged"/>) and the fast signal (<see cref="KeyAuthoritySignal"/>): whether credentials
/// derived from the key still stand, and its scopes when they changed after derivation. Both followers keep this one
/// fold, so a fix to how a late or repeated change is read lands once.
/// </summary>
/// <remarks>
/// <see cref="StateAsOf"/> and <see cref="ScopesAsOf"/> are the times of the newest events applied, kept even when
/// the state stays the same: a redelivered or out-of-order event never undoes a newer one (a reinstatement handled
/// before the suspension it ends leaves the key active). Revoked and expired are final, and a late copy of an end
/// still ends the key (Keys never changes a key after its end, so no newer change can be overridden by it).
/// <see cref="Version"/> is the key's stream version in Keys as of the newest change applied, from the durable event
/// or the fast signal, whichever came first: in memory the newer version wins.
/// </remarks>
public sealed record KeyStanding(Guid Id, KeyState State, DateTimeOffset StateAsOf, string[]? Scopes, DateTimeOffset ScopesAsOf)
{
    public long Version { get; init; }

    public static KeyStanding Unknown(Guid keyId) => new(keyId, KeyState.Active, DateTimeOffset.MinValue, null, DateTimeOffset.MinValue);

    public bool IsFinal => State is KeyState.Revoked or KeyState.Expired;

    /// <summary>Why credentials derived from this key are refused now, or null while it stands.</summary>
    public string? Refusal => State switch
    {
        KeyState.Revoked => "parent API key has been revoked",
        KeyState.Expired => "parent API key has expired",
        KeyState.Suspended => "parent API key is suspended",
        _ => null,
    };

    /// <summary>The standing to store after a durable event of the key; null when the event changes nothing.</summary>
    public static KeyStanding? After(KeyStanding? stored, IKeyAuthorityChanged e)
    {
        var known = stored ?? Unknown(e.KeyId);
        var next = (e switch
        {
            KeyRevoked => known.WithState(KeyState.Revoked, e.OccurredAt),
            KeyExpired => known.WithState(KeyState.Expired, e.OccurredAt),
            KeySuspended => known.WithState(KeyState.Suspended, e.OccurredAt),
            KeyReinstated => known.WithState(KeyState.Active, e.OccurredAt),
            KeyScopesChanged changed => known.WithScopes(changed.Scopes, e.OccurredAt),
            _ => known,
        }).Seen(e.SourceVersion);
        return ReferenceEquals(next, stored) ? null : next;
    }

    /// <summary>The standing after a fast signal; null when the signal is not newer than what is known.</summary>
    public static KeyStanding? After(KeyStanding? known, KeyAuthoritySignal signal)
    {
        var next = (known ?? Unknown(signal.KeyId)).With(signal);
        return ReferenceEquals(next, known) || next.Version == known?.Version ? null : next;
    }

    /// <summary>The state after an event of <paramref name="at"/>; the same record when the event changes nothing.</summary>
    public KeyStanding WithState(KeyState state, DateTimeOffset at)
    {
        if (IsFinal) return this;
        if (at > StateAsOf) return this with { State = state, StateAsOf = at };
        // Older than what is known: it never overrides a newer state, but an end still ends the key.
        return state is KeyState.Revoked or KeyState.Expired ? this with { State = state } : this;
    }

    public KeyStanding WithScopes(IReadOnlyList<string> scopes, DateTimeOffset at) =>
        at <= ScopesAsOf ? this : this with { Scopes = [.. scopes], ScopesAsOf = at };

    /// <summary>Records that the key's events up to <paramref name="version"/> are reflected; the same record when that is not news.</summary>
    public KeyStanding Seen(long version) => version > Version ? this with { Version = version } : this;

    /// <summary>The standing after a fast signal; the same record when it is not newer than what is known.</summary>
    public KeyStanding With(KeyAuthoritySignal signal)
    {
        if (signal.Version <= Version) return this;
        var state = IsFinal ? State : signal.State switch
        {
            KeyAuthoritySignal.Revoked => KeyState.Revoked,
            KeyAuthoritySignal.Expired => KeyState.Expired,
            KeyAuthoritySignal.Suspended => KeyState.Suspended,
            KeyAuthoritySignal.Active => KeyState.Active,
            _ => State,
        };
        return this with { State = state, Scopes = signal.Scopes ?? Scopes, Version = signal.Version };
    }
}
