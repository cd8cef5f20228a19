using System.Collections.Concurrent;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// Fixed-window counters per key, in this replica's memory, on the verify hot path.
/// Note: each replica counts on its own, so N replicas admit up to N × the limit; a shared counter
/// would put a database round trip on every verification.
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
            if (window.Index != index) (window.Index, window.Used) = (index, 0);
            var allowed = window.Used < limit.Limit;
            if (allowed) window.Used++;
            state = new RateLimitState(limit.Limit, limit.Limit - window.Used, resetAt);
            return allowed;
        }
    }

    private sealed class Window
    {
        public long Index = -1;
        public int Used;
    }
}
