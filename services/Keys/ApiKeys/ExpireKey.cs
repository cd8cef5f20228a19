using Marten;
using Wolverine;

namespace Platform.Keys.ApiKeys;

/// <summary>Scheduled for a key's expiry (its own, or the end of a rotation overlap) when that is decided.</summary>
public sealed record ExpireKey(Guid KeyId);

public static class ExpireKeyHandler
{
    public const string Actor = "system";

    public static Task<OutgoingMessages> Handle(ExpireKey command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        KeyCommand.ExecuteScheduledAsync(command.KeyId, session, key => Decide(key, clock.GetUtcNow()) is { } expired
            ? KeyDecision.Accept(expired) : KeyDecision.Unchanged, ct);

    /// <summary>Expires only a key that is due and still usable: a redelivered or early message changes nothing.</summary>
    public static ApiKeyExpired? Decide(ApiKey key, DateTimeOffset now) =>
        key.Status is KeyStatus.Active or KeyStatus.Suspended && key.ExpiresAt <= now ? new ApiKeyExpired(key.Id, Actor, now) : null;
}
