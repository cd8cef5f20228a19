using JasperFx.Events;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// The <see cref="KeyAuthoritySignal"/> of a key stream's pending events, or none when they change no
/// authority (a rename, a rotation, the rotation-due mark). Pure: the notifier queues the NOTIFY.
/// </summary>
public static class KeyAuthorityNotifier
{
    public static KeyAuthoritySignal? SignalFor(StreamAction stream)
    {
        // The ending version: every command fetched the stream for writing, so its starting version is known.
        var version = stream.ActionType == StreamActionType.Start ? stream.Events.Count
            : stream.ExpectedVersionOnServer is { } start ? start + stream.Events.Count : 0;
        if (version == 0) return null;
        string? state = null;
        string[]? scopes = null;
        foreach (var e in stream.Events)
            switch (e.Data)
            {
                case ApiKeyRevoked: state = KeyAuthoritySignal.Revoked; break;
                case ApiKeySuspended: state = KeyAuthoritySignal.Suspended; break;
                case ApiKeyReinstated: state = KeyAuthoritySignal.Active; break;
                case ApiKeyExpired: state = KeyAuthoritySignal.Expired; break;
                case ApiKeyScopesChanged changed: scopes = changed.Scopes; break;
            }
        return state is null && scopes is null ? null : new KeyAuthoritySignal(stream.Id, version, state, scopes);
    }
}
