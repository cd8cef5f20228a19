namespace Platform.Tokens.Introspection;

public enum KeyState { Active, Suspended, Revoked, Expired }

/// <summary>
/// What this service knows of an API key from the Keys service's events: whether tokens exchanged for
/// it may still be used, and the scopes it holds now (null until a change is heard of).
/// </summary>
public sealed record KeyStanding(Guid Id, KeyState State, string[]? Scopes, DateTimeOffset ChangedAt)
{
    public bool Ended => State is KeyState.Revoked or KeyState.Expired;
}

/// <summary>An access token revoked through RFC 7009, refused until it would have expired anyway.</summary>
public sealed record RevokedAccessToken(string Id, DateTimeOffset ExpiresAt);
