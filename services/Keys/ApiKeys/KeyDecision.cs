using Platform.Infrastructure.Errors;
using Platform.Sdk.ResourceServer;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// What a pure key command decided: a refusal (data, not an HTTP answer), nothing (already in the asked
/// state: retries are safe), or one event for the key's stream. <see cref="KeyAnnouncements"/> makes the
/// integration event; <see cref="KeyCommand"/> turns the decision into the answer.
/// </summary>
public sealed record KeyDecision(Refusal? Refusal, object? Event)
{
    public static readonly KeyDecision Unchanged = new(null, null);

    public static KeyDecision Refuse(int status, string message) => new(ApiError.For(status, message), null);

    public static KeyDecision Accept(object @event) => new(null, @event);

    /// <summary>Revoked and expired are final: no command changes such a key again.</summary>
    public static KeyDecision? Final(ApiKey key) => key.Status switch
    {
        KeyStatus.Revoked => Refuse(StatusCodes.Status409Conflict, "key is revoked"),
        KeyStatus.Expired => Refuse(StatusCodes.Status409Conflict, "key has expired"),
        _ => null,
    };
}
