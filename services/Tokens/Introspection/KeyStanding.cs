using Platform.Contracts.Keys;

namespace Platform.Tokens.Introspection;

public enum KeyState { Active, Suspended, Revoked, Expired }

/// <summary>
/// What this service knows of an API key from the Keys service's events: whether tokens exchanged for
/// it may still be used, and the scopes it holds now (null until a change is heard of).
/// <see cref="Version"/> is the key's stream version in Keys as of the newest change applied (from the
/// durable event or the fast <see cref="KeyAuthoritySignal"/>): the newer version wins in memory.
/// </summary>
public sealed record KeyStanding(Guid Id, KeyState State, string[]? Scopes, DateTimeOffset ChangedAt)
{
    public long Version { get; init; }

    public bool Ended => State is KeyState.Revoked or KeyState.Expired;

    /// <summary>The standing after a fast signal; null when the signal is not newer than what is known.</summary>
    public static KeyStanding? After(KeyStanding? known, KeyAuthoritySignal signal)
    {
        if (signal.Version <= (known?.Version ?? 0)) return null;
        var state = known?.Ended == true ? known.State : signal.State switch
        {
            KeyAuthoritySignal.Revoked => KeyState.Revoked,
            KeyAuthoritySignal.Expired => KeyState.Expired,
            KeyAuthoritySignal.Suspended => KeyState.Suspended,
            KeyAuthoritySignal.Active => KeyState.Active,
            _ => known?.State ?? KeyState.Active,
        };
        return new KeyStanding(signal.KeyId, state, signal.Scopes ?? known?.Scopes, known?.ChangedAt ?? DateTimeOffset.MinValue) { Version = signal.Version };
    }
}

/// <summary>An access token revoked through RFC 7009, refused until it would have expired anyway.</summary>
public sealed record RevokedAccessToken(string Id, DateTimeOffset ExpiresAt);
