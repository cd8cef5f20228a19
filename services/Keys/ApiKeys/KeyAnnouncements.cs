using Platform.Contracts.Keys;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// The one place a key's stream event becomes the integration event other services hear (Tokens, Agents,
/// Audit). Each carries the stream version the event got there, so a follower can order what it hears.
/// </summary>
/// <remarks><see cref="ApiKeyIssued"/> is announced by <see cref="IssueKeyEndpoint.ToContract"/>: it starts a stream, it does not change one.</remarks>
public static class KeyAnnouncements
{
    /// <param name="key">The key as it was before <paramref name="e"/>.</param>
    /// <param name="e">The event appended to its stream.</param>
    public static IKeyEvent For(ApiKey key, object e)
    {
        var (id, version) = (Guid.CreateVersion7(), key.Version + 1);
        return e switch
        {
            ApiKeyRenamed x => new KeyRenamed(id, key.Id, key.AccountId, x.Name, x.Actor, x.RenamedAt) { SourceVersion = version },
            ApiKeyScopesChanged x => new KeyScopesChanged(id, key.Id, key.AccountId, x.Scopes, x.Actor, x.ChangedAt) { SourceVersion = version },
            ApiKeyRevoked x => new KeyRevoked(id, key.Id, key.AccountId, x.Reason, x.Actor, x.RevokedAt) { SourceVersion = version },
            ApiKeySuspended x => new KeySuspended(id, key.Id, key.AccountId, x.Reason, x.Actor, x.SuspendedAt) { SourceVersion = version },
            ApiKeyReinstated x => new KeyReinstated(id, key.Id, key.AccountId, x.Actor, x.ReinstatedAt) { SourceVersion = version },
            ApiKeyRotated x => new KeyRotated(id, key.Id, key.AccountId, x.SuccessorId, x.OverlapEndsAt, x.Actor, x.RotatedAt) { SourceVersion = version },
            ApiKeyExpired x => new KeyExpired(id, key.Id, key.AccountId, x.Actor, x.ExpiredAt) { SourceVersion = version },
            ApiKeyRotationDue x => new KeyRotationDue(id, key.Id, key.AccountId, key.CreatedAt, x.Actor, x.DueAt) { SourceVersion = version },
            _ => throw new ArgumentException($"not an event of a key's lifecycle: {e.GetType().Name}", nameof(e)),
        };
    }
}
