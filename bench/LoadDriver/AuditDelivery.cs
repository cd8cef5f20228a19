using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>Each key's delay, by the second of the window its event occurred in (from the first key's), and what never arrived.</summary>
public sealed record DeliveryResult((double Second, double DelayMs)[] BySecond, int Missing)
{
    public double[] DelaysMs { get; } = [.. BySecond.Select(d => d.DelayMs)];

    /// <summary>
    /// The slowest delay of each second of the window (seconds since the first key's event): where a slow run's tail sits,
    /// at its start (a backlog left by what came before), spread over it, or at one moment (a checkpoint, a pause).
    /// </summary>
    public string Profile() => string.Join(" ", BySecond
        .GroupBy(d => Math.Floor(d.Second))
        .OrderBy(g => g.Key)
        .Select(g => $"{g.Key:0}s:{g.Max(d => d.DelayMs):0}"));
}

/// <summary>Keys issued at a paced rate, and how long each took to reach the audit log.</summary>
public sealed record PacedDelivery(double AchievedPerSecond, DeliveryResult Delivery);

/// <summary>
/// Issue-to-audit delay per key: the audit entry's recordedAt minus the event's occurredAt, both
/// stamped by services on this same machine's clock.
/// </summary>
public static class AuditDelivery
{
    /// <summary>
    /// Issues keys at <paramref name="rate"/> a second for <paramref name="window"/>, then reads each one's audit entry.
    /// Late is not lost: an entry not recorded yet is asked for again, for up to a minute; what is still missing then
    /// counts as lost. The delay is recordedAt − occurredAt either way.
    /// </summary>
    public static async Task<PacedDelivery> PacedAsync(HttpClient http, Requests requests, int rate, TimeSpan window, int workers)
    {
        await DrainedAsync(http, requests);
        var paced = await Load.OpenLoopAsync(http, requests.IssueKey, rate, window);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        DeliveryResult delivery;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            delivery = await MeasureAsync(http, requests, paced.Ids, workers);
        }
        while (delivery.Missing > 0 && waited.Elapsed < TimeSpan.FromMinutes(1));
        return new(paced.PerSecond, delivery);
    }

    /// <summary>
    /// Issues keys closed-loop at the paced run's most in flight (the client's connections, 2 × workers). Note: the first
    /// time the services saw that many at once, Keys and Audit opened tens of PostgreSQL connections (Keys 37 → 66, Audit
    /// 4 → 31), each a new backend with cold caches and no prepared statements, on cores already busy: the first second's
    /// keys of every first paced run reached the audit log 1.8–3.6 s late, and of no later run. A warm-up that stops at
    /// the workers' concurrency left that one-time cost inside the figure.
    /// </summary>
    public static Task WarmUpAsync(HttpClient http, Requests requests, int workers) =>
        Load.ClosedLoopAsync(http, requests.IssueKey, workers * 2, TimeSpan.FromSeconds(3));

    /// <summary>
    /// Waits until Audit has recorded what came before: a key issued now has its entry. Note: without it, a paced run right
    /// after a saturated one measured the saturated run's backlog (every paced key queued behind it), and the faster Keys
    /// issued, the longer that looked.
    /// </summary>
    public static async Task DrainedAsync(HttpClient http, Requests requests)
    {
        var (probe, _) = await requests.IssueAsync(http);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2) && await requests.AuditCountAsync(http, probe) == 0) await Task.Delay(200);
    }

    public static async Task<DeliveryResult> MeasureAsync(HttpClient http, Requests requests, IReadOnlyList<Guid> ids, int workers)
    {
        var delays = new ConcurrentBag<(DateTimeOffset OccurredAt, double DelayMs)>();
        var missing = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (id, ct) =>
        {
            var page = await requests.AuditEventsAsync(http, id, ct);
            var items = page.GetProperty("items");
            if (items.GetArrayLength() == 0)
            {
                Interlocked.Increment(ref missing);
                return;
            }
            var entry = items[0];
            var occurredAt = entry.GetProperty("occurredAt").GetDateTimeOffset();
            delays.Add((occurredAt, (entry.GetProperty("recordedAt").GetDateTimeOffset() - occurredAt).TotalMilliseconds));
        });
        var first = delays.IsEmpty ? default : delays.Min(d => d.OccurredAt);
        return new([.. delays.Select(d => ((d.OccurredAt - first).TotalSeconds, d.DelayMs))], missing);
    }
}
