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
/// writes what this replica admitted in each window in progress and reads what the others did, and how many replicas
/// there are. Only keys with a limit and a window in progress here cost a round trip each time; with none, a replica
/// only says it is there every 10 s. Rows older than an hour are deleted.
/// </summary>
public sealed class RateLimitSync(KeyRateLimiter limiter, IDocumentStore store, TimeProvider clock, ILogger<RateLimitSync> logger, IConfiguration configuration)
    : PeriodicFlusher(configuration, IntervalSetting, logger, TimeSpan.FromMilliseconds(100))
{
    public const string IntervalSetting = "Keys:RateLimits:SyncInterval";
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    private DateTimeOffset _swept = DateTimeOffset.MinValue, _heartbeat = DateTimeOffset.MinValue;

    protected override async Task FlushOnceAsync(Action<int> batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = limiter.Current(now);
        batchSize(current.Count);
        if (current.Count == 0 && now - _heartbeat < HeartbeatInterval) return;

        await using var session = store.LightweightSession();
        if (now - _heartbeat >= HeartbeatInterval)
        {
            // Idle or not, every replica says it is there every 10 s, so the shares are right from a key's first request.
            session.Store(new RateLimiterUsage(RateLimiterUsage.IdFor(Guid.Empty, 0, Replica), Guid.Empty, 0, Replica, 0, now));
            _heartbeat = now;
        }
        foreach (var count in current.Where(c => c.Used > 0))
            session.Store(new RateLimiterUsage(RateLimiterUsage.IdFor(count.Key, count.Index, Replica), count.Key, count.Index, Replica, count.Used, now));
        if (now - _swept > TimeSpan.FromMinutes(1))
        {
            session.DeleteWhere<RateLimiterUsage>(u => u.WrittenAt < now.AddHours(-1));
            _swept = now;
        }
        await session.SaveChangesAsync(ct);

        // The replicas that counted any limited key in the last minute share every window (a balancer spreads each key).
        var recent = await session.Query<RateLimiterUsage>().Where(u => u.WrittenAt > now.AddMinutes(-1)).Select(u => u.Replica).Distinct().ToListAsync(ct);
        limiter.Replicas = recent.Union([Replica]).Count();
        if (current.Count == 0) return;
        var keys = current.Select(c => c.Key).Distinct().ToArray();
        var others = (await session.Query<RateLimiterUsage>().Where(u => u.KeyId.IsOneOf(keys) && u.Replica != Replica).ToListAsync(ct))
            .ToLookup(u => (u.KeyId, u.Window));
        foreach (var count in current) limiter.Heard(count.Key, count.Index, count.Used, others[(count.Key, count.Index)].Sum(u => u.Used));
    }
}
