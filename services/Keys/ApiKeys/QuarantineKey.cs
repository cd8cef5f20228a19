using Marten;
using Platform.Contracts.Keys;
using Wolverine;

namespace Platform.Keys.ApiKeys;

/// <summary>Audit asks for a key to be suspended because its usage looked unusual; reinstate undoes it.</summary>
public static class QuarantineKeyHandler
{
    public const string Actor = "audit:quarantine";

    public static Task<OutgoingMessages> Handle(QuarantineKey command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        KeyCommand.ExecuteScheduledAsync(command.KeyId, session, key => key.AccountId == command.AccountId
            ? SuspendKeyEndpoint.Decide(key, new SuspendKey(command.Reason), Actor, clock.GetUtcNow())
            : KeyDecision.Unchanged, ct);
}
