using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// Verify through the gateway while one keys-api replica is killed (SIGKILL, as kill -9) a third of
/// the way in; every answer is counted per second by status. Target: no 5xx, no transport error.
/// </summary>
public static class FailoverBench
{
    public static async Task RunAsync(HttpClient http, Requests admin, int replicaPid, TimeSpan duration, int workers)
    {
        var (_, secret) = await admin.IssueAsync(http);
        // Accepted several times in a row: every replica has the new key in its index.
        for (var accepted = 0; accepted < 8;) accepted = await Requests.VerifyAsync(http, secret) == 200 ? accepted + 1 : 0;

        var outcomes = new ConcurrentDictionary<(int Second, string Outcome), int>();
        var clock = Stopwatch.StartNew();
        var kill = Task.Run(async () =>
        {
            await Task.Delay(duration / 3);
            Process.GetProcessById(replicaPid).Kill();
            Console.WriteLine($"killed replica {replicaPid} at {clock.Elapsed.TotalSeconds:0.0} s");
        });
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                string outcome;
                try
                {
                    outcome = (await Requests.VerifyAsync(http, secret)).ToString();
                }
                catch (HttpRequestException)
                {
                    outcome = "transport error";
                }
                outcomes.AddOrUpdate(((int)clock.Elapsed.TotalSeconds, outcome), 1, (_, n) => n + 1);
            }
        })));
        await kill;

        foreach (var second in outcomes.GroupBy(o => o.Key.Second).OrderBy(g => g.Key))
            Console.WriteLine($"{second.Key,3} s  " + string.Join("  ", second.OrderBy(o => o.Key.Outcome).Select(o => $"{o.Key.Outcome}: {o.Value}")));
        var failed = outcomes.Where(o => o.Key.Outcome.StartsWith('5') || o.Key.Outcome == "transport error").Sum(o => o.Value);
        Console.WriteLine($"verify during a replica kill: {outcomes.Values.Sum()} requests, {failed} answered 5xx or failed");
    }
}
