namespace Platform.Hosting.Orchestration;

/// <summary>Doubling restart delay: 1 s, 2 s, 4 s … up to a cap, back to the start after a stable run.</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan cap)
{
    private TimeSpan? _next;

    public TimeSpan Next()
    {
        var delay = _next ?? initial;
        _next = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, cap.Ticks));
        return delay;
    }

    public void Reset() => _next = null;
}
