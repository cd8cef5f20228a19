using Marten;
using Platform.Keys.ApiKeys;
using Wolverine;

namespace Platform.Keys.Accounts;

/// <summary>Sent by a suspension with its commit: suspend any key of the account that is still active.</summary>
public sealed record SweepSuspendedAccount(Guid AccountId);

public static class SweepSuspendedAccountHandler
{
    public const string Actor = "account-suspension";

    /// <remarks>
    /// A key issued concurrently with the suspension committed in a transaction the suspension's query could not
    /// see; by the time this runs (after the suspension's commit) it is visible. A reinstatement since then leaves it be.
    /// </remarks>
    public static async Task<OutgoingMessages> Handle(SweepSuspendedAccount command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Account>(command.AccountId, ct) is not { Status: AccountStatus.Suspended } account) return [];
        return [.. await AccountKeys.SuspendAsync(session, account.Id, account.SuspensionReason ?? "account suspended", Actor, clock.GetUtcNow(), ct)];
    }
}
