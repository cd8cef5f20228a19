using Wolverine;
using Wolverine.Marten;

namespace Platform.Keys.ApiKeys;

/// <summary>Scheduled for a key's expiry (its own, or the end of a rotation overlap) when that is decided.</summary>
public sealed record ExpireKey(Guid KeyId);

public static class ExpireKeyHandler
{
    public const string Actor = "system";

    public static (Events, OutgoingMessages) Handle(ExpireKey command, [WriteAggregate(nameof(ExpireKey.KeyId), Required = false)] ApiKey? key, TimeProvider clock) =>
        KeyCommand.Scheduled(key, k => Decide(k, clock.GetUtcNow()));

    /// <summary>Expires only a key that is due and still usable: a redelivered or early message changes nothing.</summary>
    public static ApiKeyExpired? Decide(ApiKey key, DateTimeOffset now) =>
        key.Status is KeyStatus.Active or KeyStatus.Suspended && key.ExpiresAt <= now ? new ApiKeyExpired(key.Id, Actor, now) : null;
}
