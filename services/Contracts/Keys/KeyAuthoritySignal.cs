using System.Text.Json;

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

    /// <summary>The NOTIFY payload: this record as JSON (well under PostgreSQL's 8,000-byte limit).</summary>
    public string ToPayload() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>The signal in a payload, or null for one that is not a signal (nothing else should send on the channel).</summary>
    public static KeyAuthoritySignal? FromPayload(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<KeyAuthoritySignal>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
