using System.Collections.Concurrent;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// Fixed-window counters per key on the verify hot path, in this replica's memory, with what the other replicas
/// counted in the same window as last heard (<see cref="RateLimitSync"/>, every 100 ms by default): a key's limit
/// holds across replicas without a database round trip per request. The overshoot is what other replicas admit
/// between two reconciliations (docs/architecture.md); a replica that has not yet heard of a key's window admits
/// as if it were alone until the next one.
/// </summary>
public sealed class KeyRateLimiter
{
    private readonly ConcurrentDictionary<Guid, Window> _windows = new();

    /// <summary>Counts one use; null state when the key has no limit. False when the window is spent.</summary>
    public bool TryTake(ApiKey key, DateTimeOffset now, out RateLimitState? state)
    {
        state = null;
        if (key.RateLimit is not { } limit) return true;
        var index = now.ToUnixTimeSeconds() / limit.WindowSeconds;
        var resetAt = DateTimeOffset.FromUnixTimeSeconds((index + 1) * limit.WindowSeconds);
        var window = _windows.GetOrAdd(key.Id, _ => new Window());
        lock (window)
        {
            if (window.Index != index) (window.Index, window.Seconds, window.Used, window.Others) = (index, limit.WindowSeconds, 0, 0);
            var allowed = window.Used + window.Others < limit.Limit;
            if (allowed) window.Used++;
            state = new RateLimitState(limit.Limit, Math.Max(0, limit.Limit - window.Used - window.Others), resetAt);
            return allowed;
        }
    }

    /// <summary>Each key's window still in progress, with what this replica admitted in it; windows past are dropped.</summary>
    public IReadOnlyList<WindowCount> Current(DateTimeOffset now)
    {
        var current = new List<WindowCount>();
        foreach (var (key, window) in _windows)
            lock (window)
            {
                if (window.Seconds > 0 && window.Index == now.ToUnixTimeSeconds() / window.Seconds) current.Add(new(key, window.Index, window.Used));
                else _windows.TryRemove(new KeyValuePair<Guid, Window>(key, window));
            }
        return current;
    }

    /// <summary>What the other replicas admitted in a key's window; ignored once this replica has moved to the next.</summary>
    public void Heard(Guid key, long index, int others)
    {
        if (!_windows.TryGetValue(key, out var window)) return;
        lock (window)
            if (window.Index == index) window.Others = others;
    }

    public readonly record struct WindowCount(Guid Key, long Index, int Used);

    private sealed class Window
    {
        public long Index = -1;
        public int Seconds;
        public int Used;
        public int Others;
    }
}
