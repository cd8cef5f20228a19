using Wolverine;
using Wolverine.Marten;

namespace Platform.Keys.ApiKeys;

/// <summary>Section "Keys:RotationPolicy": keys older than this should be rotated (the seed recommends 90 days).</summary>
public sealed class RotationPolicyOptions
{
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often each replica looks for keys that reached <see cref="MaxAge"/> (<see cref="RotationDueSweep"/>).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Sent by the sweep for a key that reached the policy's age (keys issued before the sweep also had it scheduled).</summary>
public sealed record MarkRotationDue(Guid KeyId);

public static class MarkRotationDueHandler
{
    public const string Actor = "system";

    public static (Events, OutgoingMessages) Handle(MarkRotationDue command, [WriteAggregate(nameof(MarkRotationDue.KeyId), Required = false)] ApiKey? key, TimeProvider clock) =>
        KeyCommand.Scheduled(key, k => Decide(k, clock.GetUtcNow()));

    /// <summary>Once, and only for a key still in use and not rotated meanwhile.</summary>
    public static ApiKeyRotationDue? Decide(ApiKey key, DateTimeOffset now) =>
        key is { Status: KeyStatus.Active or KeyStatus.Suspended, SuccessorId: null, RotationDue: false } ? new ApiKeyRotationDue(key.Id, Actor, now) : null;
}
