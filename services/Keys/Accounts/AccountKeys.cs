using Marten;
using Platform.Keys.ApiKeys;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Marten;

namespace Platform.Keys.Accounts;

/// <summary>
/// An account's standing carried to its keys, each in its own stream: suspension suspends every active key
/// (marked as suspended with the account), reinstatement reinstates exactly those. So each key's history says
/// why it stopped, and everything that follows keys (verify on every replica, the feeds, Tokens' exchanged tokens,
/// Agents' credentials) follows the account within the same bound, with no second path to keep in step.
/// </summary>
public static class AccountKeys
{
    public static Task<IReadOnlyList<ApiKey>> ActiveAsync(IQuerySession session, Guid accountId, CancellationToken ct) =>
        session.Query<ApiKey>().Where(k => k.AccountId == accountId && k.Status == KeyStatus.Active).ToListAsync(ct);

    public static Task<IReadOnlyList<ApiKey>> SuspendedWithAccountAsync(IQuerySession session, Guid accountId, CancellationToken ct) =>
        session.Query<ApiKey>().Where(k => k.AccountId == accountId && k.Status == KeyStatus.Suspended && k.SuspendedWithAccount).ToListAsync(ct);

    public static KeyChanges Suspend(IEnumerable<ApiKey> keys, string reason, string actor, DateTimeOffset now)
    {
        var keyReason = Cut($"account suspended: {reason}");
        return Change(keys.Where(k => k.Status == KeyStatus.Active), key => new ApiKeySuspended(key.Id, keyReason, actor, now, WithAccount: true));
    }

    public static KeyChanges Reinstate(IEnumerable<ApiKey> keys, string actor, DateTimeOffset now) =>
        Change(keys.Where(k => k is { Status: KeyStatus.Suspended, SuspendedWithAccount: true }), key => new ApiKeyReinstated(key.Id, actor, now));

    /// <remarks>A key changed since it was read fails the whole transaction (<see cref="AppendTo{TAggregate}"/>): the command is tried again on fresh reads.</remarks>
    private static KeyChanges Change(IEnumerable<ApiKey> keys, Func<ApiKey, object> decide)
    {
        var changes = new KeyChanges([], []);
        foreach (var key in keys)
        {
            var e = decide(key);
            changes.Appends.Add(new AppendTo<ApiKey>(key.Id, key.Version, e));
            changes.Announcements.Add(KeyAnnouncements.For(key, e));
        }
        return changes;
    }

    private static string Cut(string reason) => reason.Length <= KeyRules.MaxReasonLength ? reason : reason[..KeyRules.MaxReasonLength];
}

/// <summary>The keys' side of an account command: the appends Wolverine applies in its transaction, and their announcements.</summary>
public sealed record KeyChanges(List<IMartenOp> Appends, OutgoingMessages Announcements);
