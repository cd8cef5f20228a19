using Marten;
using Platform.Infrastructure.Persistence;

namespace Platform.Keys.Verification;

/// <summary>One replica's count of one key's rate-limit window, shared so the other replicas can add it to theirs.</summary>
public sealed record RateLimiterUsage(string Id, Guid KeyId, long Window, string Replica, int Used, DateTimeOffset WrittenAt)
{
    public static string IdFor(Guid key, long window, string replica) => $"{key:N}:{window}:{replica}";
}

/// <summary>A Keys replica alive at <see cref="SeenAt"/>: their number is what a key's unsettled window assumes serve it.</summary>
public sealed record RateLimiterReplica(string Id, DateTimeOffset SeenAt);

/// <summary>
/// Reconciles <see cref="KeyRateLimiter"/> across replicas (<c>Keys:RateLimits:SyncInterval</c>, 100 ms by default):
/// writes what this replica admitted in each window in progress and reads what the others did (one row per replica:
/// their number is how many share the key). Only keys with a limit and a window in progress here cost anything; with
/// none, nothing is written or read but this replica's heartbeat (every 5 s). Rows older than an hour are deleted.
/// </summary>
public sealed class RateLimitSync : PeriodicFlusher
{
    public const string IntervalSetting = "Keys:RateLimits:SyncInterval";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    private readonly KeyRateLimiter _limiter;
    private readonly IDocumentStore _store;
    private readonly TimeProvider _clock;
    private DateTimeOffset _swept = DateTimeOffset.MinValue;
    private DateTimeOffset _beat = DateTimeOffset.MinValue;

    public RateLimitSync(KeyRateLimiter limiter, IDocumentStore store, TimeProvider clock, ILogger<RateLimitSync> logger, IConfiguration configuration)
        : base(configuration, IntervalSetting, logger, TimeSpan.FromMilliseconds(100))
    {
        (_limiter, _store, _clock) = (limiter, store, clock);
        // Every replica that served a key since this one did has written within an interval (and its write's commit).
        var interval = configuration.GetValue(IntervalSetting, TimeSpan.FromMilliseconds(100));
        (limiter.SettleAfter, limiter.LongestWait) = (2 * interval, 3 * interval);
    }

    protected override async Task FlushOnceAsync(Action<int> batchSize, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (now - _beat >= Heartbeat) await BeatAsync(now, ct);
        var current = _limiter.Current(now);
        batchSize(current.Count);
        if (current.Count == 0) return;

        await using var session = _store.LightweightSession();
        foreach (var count in current.Where(c => c.Used > 0))
            session.Store(new RateLimiterUsage(RateLimiterUsage.IdFor(count.Key, count.Index, Replica), count.Key, count.Index, Replica, count.Used, now));
        if (now - _swept > TimeSpan.FromMinutes(1))
        {
            session.DeleteWhere<RateLimiterUsage>(u => u.WrittenAt < now.AddHours(-1));
            _swept = now;
        }
        await session.SaveChangesAsync(ct);

        var keys = current.Select(c => c.Key).Distinct().ToArray();
        var readAt = _clock.GetUtcNow();
        var others = (await session.Query<RateLimiterUsage>().Where(u => u.KeyId.IsOneOf(keys) && u.Replica != Replica).ToListAsync(ct))
            .ToLookup(u => (u.KeyId, u.Window));
        foreach (var count in current)
        {
            var theirs = others[(count.Key, count.Index)].ToList();
            _limiter.Heard(count.Key, count.Index, count.Used, theirs.Sum(u => u.Used), 1 + theirs.Count, readAt);
        }
    }

    /// <summary>Says this replica is alive and counts the replicas that said so within three heartbeats.</summary>
    private async Task BeatAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var session = _store.LightweightSession();
        session.Store(new RateLimiterReplica(Replica, now));
        session.DeleteWhere<RateLimiterReplica>(r => r.SeenAt < now.AddHours(-1));
        await session.SaveChangesAsync(ct);
        var since = now - 3 * Heartbeat;
        _limiter.LiveReplicas = Math.Max(1, await session.Query<RateLimiterReplica>().CountAsync(r => r.SeenAt > since, ct));
        _beat = now;
    }

    /// <summary>A replica stopping says so, so the others stop counting it at once.</summary>
    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        try
        {
            await using var session = _store.LightweightSession();
            session.Delete<RateLimiterReplica>(Replica);
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Marten.Exceptions.MartenCommandException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Its heartbeat ages out within 15 s.
        }
    }
}
