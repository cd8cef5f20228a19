using Platform.Contracts.Keys;
using Wolverine;
using Wolverine.Marten;

namespace Platform.Keys.ApiKeys;

/// <summary>Audit asks for a key to be suspended because its usage looked unusual; reinstate undoes it.</summary>
public static class QuarantineKeyHandler
{
    public const string Actor = "audit:quarantine";

    /// <remarks>A key of another account than the one Audit names is left alone.</remarks>
    public static (Events, OutgoingMessages) Handle(QuarantineKey command, [WriteAggregate(nameof(QuarantineKey.KeyId), Required = false)] ApiKey? key, TimeProvider clock) =>
        KeyCommand.Scheduled(key, k => k.AccountId == command.AccountId
            ? SuspendKeyEndpoint.Decide(k, new SuspendKey(command.Reason), Actor, clock.GetUtcNow()).Event
            : null);
}
