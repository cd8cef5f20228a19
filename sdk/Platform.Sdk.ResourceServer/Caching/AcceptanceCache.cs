using System.Collections.Concurrent;

namespace Platform.Sdk.ResourceServer.Caching;

/// <summary>An id an acceptance depends on, and the version of it the answering replica knew.</summary>
public readonly record struct Stamp(Guid Id, long Version);

/// <summary>
/// Credentials the platform accepted a moment ago, reused only while their revocation feed is connected
/// (<see cref="Enabled"/>). Refusals are never kept. A feed event evicts every entry naming its id and
/// remembers the id's version, so an answer about an older version is never stored, even one computed
/// after the eviction by a replica that had not heard of the change yet; the generation does the same
/// for answers in flight during an eviction or a reset.
/// </summary>
public sealed class AcceptanceCache<T>(TimeProvider clock) where T : class
{
    private sealed record Entry(T Value, Stamp[] Stamps, DateTimeOffset Until);

    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ChangeVersions _changes = new(clock);
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

    /// <summary>Keeps <paramref name="value"/> unless the feed has since announced a newer version of anything it stands on.</summary>
    public void Store(string key, T value, Stamp[] stamps, DateTimeOffset until, long generation)
    {
        if (!_enabled || _changes.AnyNewerThan(stamps)) return;
        if (_entries.Count >= MaxEntries) Sweep();
        _entries[key] = new Entry(value, stamps, until);
        // Re-checked after the write: an eviction between the check and the write removes what it may have missed.
        if (Generation != generation || !_enabled || _changes.AnyNewerThan(stamps)) _entries.TryRemove(key, out _);
    }

    /// <summary>Entries leave only when read past their time, evicted or reset; this bounds the rest.</summary>
    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
            if (entry.Until <= now) _entries.TryRemove(key, out _);
        if (_entries.Count >= MaxEntries) _entries.Clear();
    }

    /// <summary>The feed says <paramref name="id"/> changed (to <paramref name="version"/>, when the service sends one).</summary>
    public void Evict(Guid id, long? version = null)
    {
        if (version is { } v) _changes.Saw(id, v);
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
            if (Array.Exists(entry.Stamps, s => s.Id == id)) _entries.TryRemove(key, out _);
    }

    /// <summary>
    /// The feed connected (its <c>ready</c>) or dropped: either way what was cached is unknown. The versions
    /// heard stay: they are the services' own stream versions, true whichever connection brought them.
    /// </summary>
    public void Reset(bool enabled)
    {
        Interlocked.Increment(ref _generation);
        _enabled = enabled;
        _entries.Clear();
    }
}
