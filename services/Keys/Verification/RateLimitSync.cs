using Marten;
using Platform.ServiceDefaults;

namespace Platform.Keys.Verification;

/// <summary>One replica's count of one key's rate-limit window, shared so the other replicas can add it to theirs.</summary>
public sealed record RateLimiterUsage(string Id, Guid KeyId, long Window, string Replica, int Used, DateTimeOffset WrittenAt)
{
    public static string IdFor(Guid key, long window, string replica) => $"{key:N}:{window}:{replica}";
}

/// <summary>
/// Reconciles <see cref="KeyRateLimiter"/> across replicas (<c>Keys:RateLimits:SyncInterval</c>, 100 ms by default):
/// writes what this replica admitted in each window in progress and reads what the others did (one row per replica:
/// their number is how many share the key). Only keys with a limit and a window in progress here cost anything; with
/// none, nothing is written or read. Rows older than an hour are deleted.
/// </summary>
public sealed class RateLimitSync(KeyRateLimiter limiter, IDocumentStore store, TimeProvider clock, ILogger<RateLimitSync> logger, IConfiguration configuration)
    : PeriodicFlusher(configuration, IntervalSetting, logger, TimeSpan.FromMilliseconds(100))
{
    public const string IntervalSetting = "Keys:RateLimits:SyncInterval";
    private DateTimeOffset _swept = DateTimeOffset.MinValue;

    protected override async Task FlushOnceAsync(Action<int> batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = limiter.Current(now);
        batchSize(current.Count);
        if (current.Count == 0) return;

        await using var session = store.LightweightSession();
        foreach (var count in current.Where(c => c.Used > 0))
            session.Store(new RateLimiterUsage(RateLimiterUsage.IdFor(count.Key, count.Index, Replica), count.Key, count.Index, Replica, count.Used, now));
        if (now - _swept > TimeSpan.FromMinutes(1))
        {
            session.DeleteWhere<RateLimiterUsage>(u => u.WrittenAt < now.AddHours(-1));
            _swept = now;
        }
        await session.SaveChangesAsync(ct);

        var keys = current.Select(c => c.Key).Distinct().ToArray();
        var others = (await session.Query<RateLimiterUsage>().Where(u => u.KeyId.IsOneOf(keys) && u.Replica != Replica).ToListAsync(ct))
            .ToLookup(u => (u.KeyId, u.Window));
        foreach (var count in current)
        {
            var theirs = others[(count.Key, count.Index)].ToList();
            limiter.Heard(count.Key, count.Index, count.Used, theirs.Sum(u => u.Used), 1 + theirs.Count);
        }
    }
}
