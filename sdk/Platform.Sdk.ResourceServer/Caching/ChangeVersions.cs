using System.Collections.Concurrent;

namespace Platform.Sdk.ResourceServer.Caching;

/// <summary>
/// The newest version the feed announced per id. An answer from a replica that lags behind the feed
/// carries an older version and must not be cached. Remembered for <see cref="Memory"/>: far longer than
/// any replica lags (a replica that lost its own notifications reloads and stops answering meanwhile).
/// </summary>
internal sealed class ChangeVersions(TimeProvider clock)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);
    private const int MaxIds = 200_000;
    private readonly ConcurrentDictionary<Guid, (long Version, DateTimeOffset At)> _seen = new();

    public void Saw(Guid id, long version)
    {
        var now = clock.GetUtcNow();
        if (_seen.Count >= MaxIds) Forget(now);
        _seen.AddOrUpdate(id, (version, now), (_, old) => (Math.Max(old.Version, version), now));
    }

    public bool AnyNewerThan(Stamp[] stamps)
    {
        foreach (var stamp in stamps)
            if (_seen.TryGetValue(stamp.Id, out var seen) && seen.Version > stamp.Version) return true;
        return false;
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (id, seen) in _seen)
            if (now - seen.At > Memory) _seen.TryRemove(id, out _);
    }
}
