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
/// of it once that is known (docs/architecture.md).
/// </summary>
/// <remarks>
/// A key's window is <i>unsettled</i> until a reconciliation has read the other replicas' rows late enough that
/// every replica serving the key since this one started must have written (<see cref="SettleAfter"/>). Until then
/// the replicas counting it are assumed to be all the live ones (<see cref="LiveReplicas"/>), and a request beyond
/// the share waits for the next reconciliation instead of being refused, and before the first reconciliation of the
/// window the share is one use: replicas starting on a key together, or joining one that another replica believes
/// its own, cannot each take the whole limit, and a lightly used key is never refused early, only delayed by at
/// most one interval.
/// </remarks>
public sealed class KeyRateLimiter
{
    private readonly ConcurrentDictionary<Guid, Window> _windows = new();

    /// <summary>How many Keys replicas are alive, as the reconciliation last counted them (1 when it never did).</summary>
    public int LiveReplicas { get; set; } = 1;

    /// <summary>How long after its first use here a key's window is settled by a reconciliation's read.</summary>
    public TimeSpan SettleAfter { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a request waits for a reconciliation before it is refused.</summary>
    public TimeSpan LongestWait { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Counts one use, waiting for the next reconciliation when the key's window is unsettled and this replica's
    /// share of it is taken. Null state when the key has no limit; false when the window (or the share) is spent.
    /// </summary>
    public ValueTask<(bool Admitted, RateLimitState? State)> TakeAsync(ApiKey key, TimeProvider clock, CancellationToken ct)
    {
        var admitted = TryTake(key, clock.GetUtcNow(), out var state, out var hearing);
        return hearing is null ? ValueTask.FromResult((admitted, state)) : AfterHearingAsync(key, hearing, clock, ct);
    }

    private async ValueTask<(bool, RateLimitState?)> AfterHearingAsync(ApiKey key, Task hearing, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await hearing.WaitAsync(LongestWait, clock, ct);
        }
        catch (TimeoutException)
        {
            // Reconciliation is late (database slow or down): judge on what is known, refusing beyond the share.
        }
        var admitted = TryTake(key, clock.GetUtcNow(), out var state);
        return (admitted, state);
    }

    /// <summary>Counts one use without waiting: beyond the share is a refusal (Retry-After 1 s).</summary>
    public bool TryTake(ApiKey key, DateTimeOffset now, out RateLimitState? state) => TryTake(key, now, out state, out _, mayWait: false);

    /// <summary>Counts one use; when <paramref name="hearing"/> is set the request may wait for it and ask again.</summary>
    public bool TryTake(ApiKey key, DateTimeOffset now, out RateLimitState? state, out Task? hearing, bool mayWait = true)
    {
        state = null;
        hearing = null;
        if (key.RateLimit is not { } limit) return true;
        var index = now.ToUnixTimeSeconds() / limit.WindowSeconds;
        var resetAt = DateTimeOffset.FromUnixTimeSeconds((index + 1) * limit.WindowSeconds);
        var window = _windows.GetOrAdd(key.Id, _ => new Window());
        lock (window)
        {
            // A new window starts with as many replicas serving the key as the last one ended with, and settled if it was.
            if (window.Index != index)
            {
                (window.Index, window.Seconds, window.Used, window.Others, window.UsedAtSync, window.Carried) = (index, limit.WindowSeconds, 0, 0, 0, window.Replicas);
                window.FirstUse = now;
                window.HeardThisWindow = false;
                window.Hearing?.TrySetResult();
                window.Hearing = null;
            }
            // Alone, all that is left; beside others, half a fair share of it per reconciliation: the replicas' views
            // are up to one interval apart, and halves leave room for what the others took meanwhile.
            var replicas = window.Settled ? window.Replicas : Math.Max(window.Replicas, LiveReplicas);
            var slices = replicas == 1 ? 1 : 2 * replicas;
            var leftAtSync = limit.Limit - window.UsedAtSync - window.Others;
            // Unsettled and not yet heard in this window: one use, then what the others took is known before more.
            var share = !window.Settled && !window.HeardThisWindow && replicas > 1 ? 1 : (leftAtSync + slices - 1) / slices;
            var spent = window.Used + window.Others >= limit.Limit;
            if (!spent && window.Used - window.UsedAtSync >= share)
            {
                if (!window.Settled && mayWait)
                {
                    hearing = (window.Hearing ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                    return false;
                }
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
                if (window.Index == index) current.Add(new(key, window.Index, window.Used, window.FirstUse));
                // Note: not the window just ended: a verify may be starting its successor in that very object.
                else if (window.Index < index - 1) _windows.TryRemove(new KeyValuePair<Guid, Window>(key, window));
            }
        return current;
    }

    /// <summary>
    /// What the other replicas admitted in a key's window, heard after this replica wrote <paramref name="usedAtSync"/>,
    /// and how many replicas (this one included) counted the key in it; <paramref name="readAt"/> is when the others'
    /// rows were read (a read <see cref="SettleAfter"/> the window's first use here settles it). Ignored once this
    /// replica has moved to the next window. Wakes the requests waiting for it.
    /// </summary>
    public void Heard(Guid key, long index, int usedAtSync, int others, int replicas, DateTimeOffset readAt)
    {
        if (!_windows.TryGetValue(key, out var window)) return;
        lock (window)
        {
            if (window.Index != index) return;
            (window.UsedAtSync, window.Others) = (usedAtSync, others);
            // Note: never fewer than the last window ended with: at a window's start the others may not have written yet.
            window.Replicas = Math.Max(window.Carried, Math.Max(1, replicas));
            window.HeardThisWindow = true;
            if (readAt - window.FirstUse >= SettleAfter) window.Settled = true;
            window.Hearing?.TrySetResult();
            window.Hearing = null;
        }
    }

    public readonly record struct WindowCount(Guid Key, long Index, int Used, DateTimeOffset FirstUse);

    private sealed class Window
    {
        public long Index = -1;
        public int Seconds;
        public int Used;
        public int Others;
        public int UsedAtSync;
        public int Replicas = 1;
        public int Carried = 1;
        public DateTimeOffset FirstUse;
        public bool Settled;
        public bool HeardThisWindow;
        public TaskCompletionSource? Hearing;
    }
}
