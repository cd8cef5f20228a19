using System.Collections.Concurrent;

namespace Platform.Keys.Usage;

/// <summary>
/// Counts verifications per key per minute in memory; <see cref="UsageFlusher"/> writes them out in
/// batches, so the verify hot path never waits on the database.
/// </summary>
public sealed class UsageRecorder
{
    private ConcurrentDictionary<(Guid Key, long Minute), UsageBucket> _pending = new();

    public void Record(Guid keyId, Guid accountId, DateTimeOffset at, string? ip)
    {
        var bucket = _pending.GetOrAdd((keyId, at.ToUnixTimeSeconds() / 60), static (_, account) => new UsageBucket(account), accountId);
        bucket.Add(at, ip);
    }

    /// <summary>Takes everything counted so far; later uses go to fresh buckets.</summary>
    public IReadOnlyDictionary<(Guid Key, long Minute), UsageBucket> Drain() => Interlocked.Exchange(ref _pending, new());
}

public sealed class UsageBucket(Guid accountId)
{
    private const int MaxIps = 20;
    private readonly HashSet<string> _ips = [];
    private long _count;

    public Guid AccountId => accountId;
    public long Count => Interlocked.Read(ref _count);
    public DateTimeOffset LastUsedAt { get; private set; }
    public string? LastIp { get; private set; }

    public IReadOnlyCollection<string> Ips
    {
        get { lock (_ips) return [.. _ips]; }
    }

    public void Add(DateTimeOffset at, string? ip)
    {
        Interlocked.Increment(ref _count);
        lock (_ips)
        {
            if (at >= LastUsedAt) (LastUsedAt, LastIp) = (at, ip ?? LastIp);
            if (ip is not null && _ips.Count < MaxIps) _ips.Add(ip);
        }
    }
}
