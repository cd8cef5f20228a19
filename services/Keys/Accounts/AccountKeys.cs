using Marten;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Accounts;

/// <summary>
/// An account's standing carried to its keys, each in its own stream: suspension suspends every active key
/// (marked as suspended with the account), reinstatement reinstates exactly those. So each key's history says
/// why it stopped, and everything that follows keys (verify on every replica, the feeds, Tokens' exchanged tokens,
/// Agents' credentials) follows the account within the same bound, with no second path to keep in step.
/// </summary>
public static class AccountKeys
{
    /// <summary>Appends to the session; the announcements go out with its commit.</summary>
    public static async Task<List<IKeyEvent>> SuspendAsync(IDocumentSession session, Guid accountId, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var keyReason = Cut($"account suspended: {reason}");
        var announcements = new List<IKeyEvent>();
        foreach (var id in await KeysAsync(session, accountId, KeyStatus.Active, withAccount: null, ct))
        {
            // Fetched for writing: the append is checked against the version read, and the key's authority signal needs it.
            var stream = await session.Events.FetchForWriting<ApiKey>(id, ct);
            if (stream.Aggregate is not { Status: KeyStatus.Active } key) continue;
            var suspended = new ApiKeySuspended(key.Id, keyReason, actor, now, WithAccount: true);
            stream.AppendOne(suspended);
            announcements.Add(KeyAnnouncements.For(key, suspended));
        }
        return announcements;
    }

    public static async Task<List<IKeyEvent>> ReinstateAsync(IDocumentSession session, Guid accountId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var announcements = new List<IKeyEvent>();
        foreach (var id in await KeysAsync(session, accountId, KeyStatus.Suspended, withAccount: true, ct))
        {
            var stream = await session.Events.FetchForWriting<ApiKey>(id, ct);
            if (stream.Aggregate is not { Status: KeyStatus.Suspended, SuspendedWithAccount: true } key) continue;
            var reinstated = new ApiKeyReinstated(key.Id, actor, now);
            stream.AppendOne(reinstated);
            announcements.Add(KeyAnnouncements.For(key, reinstated));
        }
        return announcements;
    }

    private static async Task<IReadOnlyList<Guid>> KeysAsync(IQuerySession session, Guid accountId, KeyStatus status, bool? withAccount, CancellationToken ct)
    {
        var query = session.Query<ApiKey>().Where(k => k.AccountId == accountId && k.Status == status);
        if (withAccount is { } marked) query = query.Where(k => k.SuspendedWithAccount == marked);
        return await query.Select(k => k.Id).ToListAsync(ct);
    }

    private static string Cut(string reason) => reason.Length <= KeyRules.MaxReasonLength ? reason : reason[..KeyRules.MaxReasonLength];
}
