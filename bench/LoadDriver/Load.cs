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
        var tally = new Tally();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (tally.Clock.Elapsed < duration) await tally.TimeAsync(() => request(http));
        })));
        return tally.Result();
    }

    /// <summary>
    /// A path and its baseline measured in alternating one-second slices (A B B A A B …), each side's slices summed: a
    /// ratio of two back-to-back windows on a shared 2-core machine carried whatever else ran during either window
    /// (a neighbour's build, the audit backlog of the last figure); slices that alternate share it.
    /// </summary>
    public static async Task<(LoadResult Baseline, LoadResult Subject)> PairedAsync(HttpClient http,
        Func<HttpClient, Task<Guid?>> baseline, Func<HttpClient, Task<Guid?>> subject, int workers, TimeSpan window)
    {
        var slices = Math.Max(2, (int)Math.Round(window.TotalSeconds));
        var slice = window / slices;
        var baselines = new List<LoadResult>();
        var subjects = new List<LoadResult>();
        for (var i = 0; i < 2 * slices; i++)
        {
            // A B B A: each side goes first as often as second.
            var subjectTurn = (i % 4) is 1 or 2;
            var result = await ClosedLoopAsync(http, subjectTurn ? subject : baseline, workers, slice);
            (subjectTurn ? subjects : baselines).Add(result);
        }
        return (Sum(baselines), Sum(subjects));
    }

    private static LoadResult Sum(List<LoadResult> parts) => new(parts.Sum(p => p.Requests), parts.Sum(p => p.Errors),
        TimeSpan.FromTicks(parts.Sum(p => p.Elapsed.Ticks)), [.. parts.SelectMany(p => p.LatenciesMs)], [.. parts.SelectMany(p => p.Ids)]);

    /// <summary>Sends at a fixed rate whatever the answers take (open loop): latency under a given load.</summary>
    public static async Task<LoadResult> OpenLoopAsync(HttpClient http, Func<HttpClient, Task<Guid?>> request, int perSecond, TimeSpan duration)
    {
        var tally = new Tally();
        var inFlight = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        for (var sent = 0; tally.Clock.Elapsed < duration; sent++)
        {
            var due = interval * sent;
            if (due > tally.Clock.Elapsed) await Task.Delay(due - tally.Clock.Elapsed);
            inFlight.Add(Task.Run(() => tally.TimeAsync(() => request(http))));
        }
        await Task.WhenAll(inFlight);
        return tally.Result();
    }

    private sealed class Tally
    {
        private readonly ConcurrentBag<double> _latencies = [];
        private readonly ConcurrentBag<Guid> _ids = [];
        private int _errors;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public async Task TimeAsync(Func<Task<Guid?>> request)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                if (await request() is { } id) _ids.Add(id);
                _latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public LoadResult Result() => new(_latencies.Count, _errors, Clock.Elapsed, [.. _latencies], [.. _ids]);
    }
}
