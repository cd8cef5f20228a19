using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench;

public sealed record DeliveryResult(double[] DelaysMs, int Missing);

/// <summary>
/// Issue-to-audit delay per key: the audit entry's recordedAt minus the event's occurredAt, both
/// stamped by services on this same machine's clock.
/// </summary>
public static class AuditDelivery
{
    public static async Task<DeliveryResult> MeasureAsync(HttpClient http, Requests requests, IReadOnlyList<Guid> ids, int workers)
    {
        var delays = new ConcurrentBag<double>();
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
            delays.Add((entry.GetProperty("recordedAt").GetDateTimeOffset() - entry.GetProperty("occurredAt").GetDateTimeOffset()).TotalMilliseconds);
        });
        return new([.. delays], missing);
    }
}
