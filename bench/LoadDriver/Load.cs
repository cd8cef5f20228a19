using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Bench;

public sealed record LoadResult(int Requests, int Errors, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyList<Guid> Ids)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;
}

public static class Load
{
    /// <summary>N workers each sending the next request as soon as the last answered: maximum throughput.</summary>
    public static async Task<LoadResult> ClosedLoopAsync(HttpClient http, Func<HttpClient, Task<Guid?>> request, int workers, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var ids = new ConcurrentBag<Guid>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (await request(http) is { } id) ids.Add(id);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return new(latencies.Count, errors, clock.Elapsed, [.. latencies], [.. ids]);
    }

    /// <summary>Issues keys at a fixed rate whatever the answers take (open loop): latency under a given load.</summary>
    public static async Task<LoadResult> OpenLoopAsync(HttpClient http, Func<HttpClient, Task<Guid?>> request, int perSecond, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var ids = new ConcurrentBag<Guid>();
        var errors = 0;
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        for (var sent = 0; clock.Elapsed < duration; sent++)
        {
            var due = interval * sent;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            inFlight.Add(Task.Run(async () =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (await request(http) is { } id) ids.Add(id);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }
        await Task.WhenAll(inFlight);
        return new(latencies.Count, errors, clock.Elapsed, [.. latencies], [.. ids]);
    }
}
