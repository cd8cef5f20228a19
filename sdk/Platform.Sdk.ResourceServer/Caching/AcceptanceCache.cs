using System.Collections.Concurrent;

namespace Platform.Sdk.ResourceServer.Caching;

/// <summary>
/// Credentials the platform accepted a moment ago, reused only while their revocation feed is connected
/// (<see cref="Enabled"/>). Refusals are never kept. A feed event evicts every entry naming its id;
/// the generation keeps an answer that was in flight during an eviction from being stored after it.
/// </summary>
public sealed class AcceptanceCache<T>(TimeProvider clock) where T : class
{
    private sealed record Entry(T Value, Guid[] Ids, DateTimeOffset Until);

    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _enabled;

    public bool Enabled => _enabled;

    public int Count => _entries.Count;

    /// <summary>Read before asking the platform; hand it back to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public T? Find(string key)
    {
        if (!_enabled || !_entries.TryGetValue(key, out var entry)) return null;
        if (entry.Until > clock.GetUtcNow()) return entry.Value;
        _entries.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    public void Store(string key, T value, Guid[] ids, DateTimeOffset until, long generation)
    {
        if (!_enabled) return;
        if (_entries.Count >= MaxEntries) Sweep();
        _entries[key] = new Entry(value, ids, until);
        // Something was evicted or the feed dropped while the platform answered: the answer may be stale.
        if (Generation != generation || !_enabled) _entries.TryRemove(key, out _);
    }

    /// <summary>Entries leave only when read past their time, evicted or reset; this bounds the rest.</summary>
    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
            if (entry.Until <= now) _entries.TryRemove(key, out _);
        if (_entries.Count >= MaxEntries) _entries.Clear();
    }

    public void Evict(Guid id)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
            if (Array.IndexOf(entry.Ids, id) >= 0) _entries.TryRemove(key, out _);
    }

    /// <summary>The feed connected (its <c>ready</c>) or dropped: either way what was cached is unknown.</summary>
    public void Reset(bool enabled)
    {
        Interlocked.Increment(ref _generation);
        _enabled = enabled;
        _entries.Clear();
    }
}
