using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Platform.Keys.Accounts;

/// <summary>Sent by a suspension with its commit: suspend any key of the account that is still active.</summary>
public sealed record SweepSuspendedAccount(Guid AccountId);

public static class SweepSuspendedAccountHandler
{
    public const string Actor = "account-suspension";

    /// <remarks>
    /// A key issued concurrently with the suspension committed in a transaction the suspension's query could not
    /// see; by the time this runs (after the suspension's commit) it is visible. A reinstatement since then leaves it be.
    /// Two sweeps on one key: the loser's append fails its version check, and the retry finds the key suspended.
    /// </remarks>
    public static async Task<(OutgoingMessages, IEnumerable<IMartenOp>)> Handle(SweepSuspendedAccount command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Account>(command.AccountId, ct) is not { Status: AccountStatus.Suspended } account) return ([], []);
        var keys = AccountKeys.Suspend(await AccountKeys.ActiveAsync(session, account.Id, ct), account.SuspensionReason ?? "account suspended", Actor, clock.GetUtcNow());
        return (keys.Announcements, keys.Appends);
    }
}
