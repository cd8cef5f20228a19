using Marten;
using Platform.Keys.ApiKeys;
using Platform.Infrastructure.Persistence;

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

    public static Fanout Suspend(IEnumerable<ApiKey> keys, string reason, string actor, DateTimeOffset now)
    {
        var keyReason = Cut($"account suspended: {reason}");
        return Change(keys.Where(k => k.Status == KeyStatus.Active), key => new ApiKeySuspended(key.Id, keyReason, actor, now, WithAccount: true));
    }

    public static Fanout Reinstate(IEnumerable<ApiKey> keys, string actor, DateTimeOffset now) =>
        Change(keys.Where(k => k is { Status: KeyStatus.Suspended, SuspendedWithAccount: true }), key => new ApiKeyReinstated(key.Id, actor, now));

    /// <remarks>A key changed since it was read fails the whole transaction (<see cref="AppendTo{TAggregate}"/>): the command is tried again on fresh reads.</remarks>
    private static Fanout Change(IEnumerable<ApiKey> keys, Func<ApiKey, object> decide)
    {
        var fanout = Fanout.Empty;
        foreach (var key in keys)
        {
            var e = decide(key);
            fanout.Add(new AppendTo<ApiKey>(key.Id, key.Version, e), KeyAnnouncements.For(key, e));
        }
        return fanout;
    }

    private static string Cut(string reason) => reason.Length <= KeyRules.MaxReasonLength ? reason : reason[..KeyRules.MaxReasonLength];
}
