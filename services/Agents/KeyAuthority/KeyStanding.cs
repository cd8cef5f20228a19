using Platform.Contracts.Keys;

namespace Platform.Agents.KeyAuthority;

public enum KeyState { Active, Suspended, Revoked, Expired }

/// <summary>
/// What Agents has learnt about one API key from the events Keys sends: whether it still stands, and
/// its scopes when they changed after credentials were minted from it. Verification narrows every
/// credential derived from the key by this, so no credential outlives or outgrows its key.
/// </summary>
/// <remarks>
/// <see cref="StateAsOf"/> and <see cref="ScopesAsOf"/> are the times of the newest events applied, kept
/// even when the state stays the same: a redelivered or out-of-order event never undoes a newer one
/// (a reinstatement handled before the suspension it ends leaves the key active). Revoked and expired are final.
/// <see cref="Version"/> is the key's stream version in Keys as of the newest change applied, from the
/// durable event or the fast signal (<see cref="KeyAuthoritySignal"/>), whichever came first.
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

    /// <summary>The state after an event of <paramref name="at"/>; the same record when the event changes nothing.</summary>
    public KeyStanding WithState(KeyState state, DateTimeOffset at) =>
        IsFinal || at <= StateAsOf ? this : this with { State = state, StateAsOf = at };

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
