namespace Platform.Contracts.Keys;

/// <summary>
/// The fast path of <see cref="IKeyAuthorityChanged"/>: a PostgreSQL <c>NOTIFY</c> on <see cref="Channel"/>
/// sent in the very transaction that changes a key's authority, delivered on commit to every replica
/// listening. Producer: Keys. Consumers: Agents and Tokens, which refuse derived credentials from then
/// on (milliseconds), while the durable event on their queue follows to cascade and persist.
/// </summary>
/// <remarks>
/// Note: a signal can be missed (a listener reconnecting); the queued event cannot. Consumers order both
/// by <see cref="Version"/>, the key's stream version, so neither ever undoes a newer change.
/// <see cref="State"/> is null when only the scopes changed; <see cref="Scopes"/> null when they did not.
/// </remarks>
public sealed record KeyAuthoritySignal(Guid KeyId, long Version, string? State, string[]? Scopes)
{
    public const string Channel = "key_authority";

    public const string Active = "active", Suspended = "suspended", Revoked = "revoked", Expired = "expired";
}
