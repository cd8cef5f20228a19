using System.Collections.Concurrent;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// Fixed-window counters per key on the verify hot path, in this replica's memory, with what the other replicas
/// counted in the same window as last heard (<see cref="RateLimitSync"/>, every 100 ms by default): a key's limit
/// holds across replicas without a database round trip per request. Between two reconciliations a replica takes
/// at most its share of what was left when it last heard (half of left ÷ the replicas counting that key), so
/// replicas that all admit at once cannot together pass the limit by much; a key only one replica serves gets all
/// of it (docs/architecture.md).
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
            // A new window starts with as many replicas serving the key as the last one ended with.
            if (window.Index != index)
                (window.Index, window.Seconds, window.Used, window.Others, window.UsedAtSync, window.Carried) = (index, limit.WindowSeconds, 0, 0, 0, window.Replicas);
            // Alone, all that is left; beside others, half a fair share of it per reconciliation: the replicas' views
            // are up to one interval apart, and halves leave room for what the others took meanwhile.
            var slices = window.Replicas == 1 ? 1 : 2 * window.Replicas;
            var leftAtSync = limit.Limit - window.UsedAtSync - window.Others;
            var share = (leftAtSync + slices - 1) / slices;
            var spent = window.Used + window.Others >= limit.Limit;
            if (!spent && window.Used - window.UsedAtSync >= share)
            {
                // This replica's share is taken until it next hears from the others (within 100 ms): ask again in a second.
                state = new RateLimitState(limit.Limit, 0, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1));
                return false;
            }
            if (!spent) window.Used++;
            state = new RateLimitState(limit.Limit, Math.Max(0, limit.Limit - window.Used - window.Others), resetAt);
            return !spent;
        }
    }

    /// <summary>Each key's window still in progress, with what this replica admitted in it; keys idle for a whole window are dropped.</summary>
    public IReadOnlyList<WindowCount> Current(DateTimeOffset now)
    {
        var current = new List<WindowCount>();
        foreach (var (key, window) in _windows)
            lock (window)
            {
                var index = window.Seconds > 0 ? now.ToUnixTimeSeconds() / window.Seconds : long.MaxValue;
                if (window.Index == index) current.Add(new(key, window.Index, window.Used));
                // Note: not the window just ended: a verify may be starting its successor in that very object.
                else if (window.Index < index - 1) _windows.TryRemove(new KeyValuePair<Guid, Window>(key, window));
            }
        return current;
    }

    /// <summary>
    /// What the other replicas admitted in a key's window, heard after this replica wrote <paramref name="usedAtSync"/>,
    /// and how many replicas (this one included) counted the key in it. Ignored once this replica has moved to the next window.
    /// </summary>
    public void Heard(Guid key, long index, int usedAtSync, int others, int replicas)
    {
        if (!_windows.TryGetValue(key, out var window)) return;
        lock (window)
        {
            if (window.Index != index) return;
            (window.UsedAtSync, window.Others) = (usedAtSync, others);
            // Note: never fewer than the last window ended with: at a window's start the others may not have written yet.
            window.Replicas = Math.Max(window.Carried, Math.Max(1, replicas));
        }
    }

    public readonly record struct WindowCount(Guid Key, long Index, int Used);

    private sealed class Window
    {
        public long Index = -1;
        public int Seconds;
        public int Used;
        public int Others;
        public int UsedAtSync;
        public int Replicas = 1;
        public int Carried = 1;
    }
}
