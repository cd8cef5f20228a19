using Platform.Contracts.Keys;
using Platform.ServiceDefaults;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// What a pure key command decided: a refusal, nothing (already in the asked state: retries are
/// safe), or one event for the key's stream with the integration event that announces it.
/// </summary>
public sealed record KeyDecision(IResult? Refusal, object? Event, IKeyEvent? Announcement)
{
    public static readonly KeyDecision Unchanged = new(null, null, null);

    public static KeyDecision Refuse(int status, string message) => new(ApiError.Result(status, message), null, null);

    public static KeyDecision Accept(object @event, IKeyEvent announcement) => new(null, @event, announcement);

    /// <summary>Revoked and expired are final: no command changes such a key again.</summary>
    public static KeyDecision? Final(ApiKey key) => key.Status switch
    {
        KeyStatus.Revoked => Refuse(StatusCodes.Status409Conflict, "key is revoked"),
        KeyStatus.Expired => Refuse(StatusCodes.Status409Conflict, "key has expired"),
        _ => null,
    };
}
