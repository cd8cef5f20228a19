using System.Collections.Concurrent;

namespace Platform.Keys.Usage;

/// <summary>
/// Counts verifications per key per minute in memory, admitted and refused; <see cref="UsageFlusher"/> writes
/// them out in batches, so the verify hot path never waits on the database.
/// </summary>
public sealed class UsageRecorder
{
    private ConcurrentDictionary<(Guid Key, long Minute), UsageBucket> _pending = new();

    /// <summary>An admitted verification, with the end client's address.</summary>
    public void Record(Guid keyId, Guid accountId, DateTimeOffset at, string? ip) => Bucket(keyId, accountId, at).Add(at, ip);

    /// <summary>A refused verification of a known key: one counter of the same bucket, no lock, no address kept.</summary>
    public void Refused(Guid keyId, Guid accountId, DateTimeOffset at, VerifyOutcome outcome) => Bucket(keyId, accountId, at).Refuse(outcome);

    /// <summary>Takes everything counted so far; later uses go to fresh buckets.</summary>
    public IReadOnlyDictionary<(Guid Key, long Minute), UsageBucket> Drain() => Interlocked.Exchange(ref _pending, new());

    private UsageBucket Bucket(Guid keyId, Guid accountId, DateTimeOffset at) =>
        _pending.GetOrAdd((keyId, at.ToUnixTimeSeconds() / 60), static (_, account) => new UsageBucket(account), accountId);
}

public sealed class UsageBucket(Guid accountId)
{
    private const int MaxIps = 20;
    private readonly HashSet<string> _ips = [];
    private long _count;
    // One counter per refusal reason, indexed by VerifyOutcome.
    private readonly long[] _refused = new long[(int)VerifyOutcome.Expired + 1];

    public Guid AccountId => accountId;
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The last admitted use; null while there was none.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }
    public string? LastIp { get; private set; }

    public KeyRefusals Refused => new(Read(VerifyOutcome.RateLimited), Read(VerifyOutcome.ScopeDenied), Read(VerifyOutcome.Revoked),
        Read(VerifyOutcome.Suspended), Read(VerifyOutcome.Expired));

    public IReadOnlyCollection<string> Ips
    {
        get { lock (_ips) return [.. _ips]; }
    }

    public void Add(DateTimeOffset at, string? ip)
    {
        Interlocked.Increment(ref _count);
        lock (_ips)
        {
            if (LastUsedAt is not { } last || at >= last) (LastUsedAt, LastIp) = (at, ip ?? LastIp);
            if (ip is not null && _ips.Count < MaxIps) _ips.Add(ip);
        }
    }

    public void Refuse(VerifyOutcome outcome)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(outcome, VerifyOutcome.Allowed);
        Interlocked.Increment(ref _refused[(int)outcome]);
    }

    private long Read(VerifyOutcome outcome) => Interlocked.Read(ref _refused[(int)outcome]);
}
