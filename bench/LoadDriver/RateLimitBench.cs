using System.Collections.Concurrent;

namespace Platform.Bench;

/// <summary>
/// A key limited to 100 per minute, hammered through the gateway for whole windows (run the AppHost with
/// --replicas N): how many verifies each window admitted. Each replica alone would admit the whole limit.
/// </summary>
public static class RateLimitBench
{
    public static async Task RunAsync(HttpClient http, Requests requests, int windows, int workers)
    {
        const int Limit = 100, Window = 60;
        var (_, secret) = await requests.IssueAsync(http, new { limit = Limit, windowSeconds = Window });
        for (var w = 0; w < windows; w++)
        {
            // From just after a window starts to just before it ends: every answer counted belongs to that one window.
            var now = DateTimeOffset.UtcNow;
            var start = DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / Window + 1) * Window).AddMilliseconds(300);
            await Task.Delay(start - now);
            var statuses = new ConcurrentDictionary<int, int>();
            var end = start.AddSeconds(Window).AddMilliseconds(-600);
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                while (DateTimeOffset.UtcNow < end) statuses.AddOrUpdate(await Requests.VerifyAsync(http, secret), 1, (_, n) => n + 1);
            })));
            var admitted = statuses.GetValueOrDefault(200);
            Console.WriteLine($"window {w + 1}: {admitted} of {statuses.Values.Sum():N0} verifies admitted with a limit of {Limit}/{Window} s " +
                $"(overshoot {(admitted - Limit) * 100.0 / Limit:0.#} %); answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value:N0}"))}");
        }
    }
}
