using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// Every figure of the performance table in one command: starts the platform, then repeats the whole
/// set of measurements several times, interleaved (each repetition measures everything once, in the
/// same order), so a slow moment of the machine lands on every figure alike. Throughputs are ratios to
/// the same repetition's no-op through the gateway; verify and introspection alternate with their no-op in
/// one-second slices. The table gives min / median / max over repetitions.
/// </summary>
public static class Suite
{
    public const string Begin = "<!-- suite:begin -->";
    public const string End = "<!-- suite:end -->";

    public static async Task RunAsync(string checkout, int repetitions, TimeSpan window, int workers, int rate, string? readme)
    {
        Console.WriteLine("starting the platform (Release, fresh, no dashboard)...");
        await using var platform = await PlatformProcess.StartAsync(checkout, TimeSpan.FromMinutes(5));
        Console.WriteLine($"ready after {platform.ColdStart.TotalSeconds:0.0} s at {platform.Gateway}");
        var requests = new Requests(platform.AdminKey);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = platform.Gateway };

        // Subjects for the read paths: a live key to verify, a token to introspect, a key with 1,000 events.
        var paths = await HotPaths.PrepareAsync(http, requests);
        var (single, _) = await requests.IssueAsync(http);
        var (busy, _) = await requests.IssueAsync(http);
        // Auditors ask about the past: the as-of instant is halfway through the busy key's history, 500 events in.
        // Every tenth instant is kept too: each repetition asks about 30 of them never asked before.
        var halfway = DateTimeOffset.MinValue;
        var unasked = new Queue<DateTimeOffset>();
        for (var i = 1; i < 1000; i++)
        {
            await requests.RenameAsync(http, busy, $"bench {i}");
            if (i == 499) halfway = DateTimeOffset.UtcNow;
            else if (i % 10 == 5) unasked.Enqueue(DateTimeOffset.UtcNow);
        }
        unasked = new Queue<DateTimeOffset>(unasked.OrderBy(_ => Random.Shared.Next()));
        await WaitForAuditAsync(http, requests, busy, 1000);

        Func<HttpClient, Task<Guid?>> KeyAsOf(Guid id, DateTimeOffset at) => h => requests.GetAsync(h, $"/api/keys/{id}?asOf={Instant(at)}");
        Func<HttpClient, Task<Guid?>> AuditAsOf(Guid id, DateTimeOffset at) => h => requests.GetAsync(h, $"/api/audit/subjects/{id}/as-of?at={Instant(at)}");
        var now = DateTimeOffset.UtcNow;

        // Warm-up: JIT, connection pools, the index and the first reads of each path.
        foreach (var call in new[] { Requests.Alive, paths.Verify, paths.Introspect, paths.IssueToken, paths.AgentVerify, KeyAsOf(busy, halfway), AuditAsOf(busy, halfway) })
            await Load.ClosedLoopAsync(http, call, workers, TimeSpan.FromSeconds(2));
        await AuditDelivery.WarmUpAsync(http, requests, workers);

        var figures = new Figures();
        for (var rep = 1; rep <= repetitions; rep++)
        {
            Console.WriteLine($"repetition {rep} of {repetitions}");
            // The two hot paths against their own no-op, slice by slice; the issue rows below against the first.
            var (noop, verify) = await Load.PairedAsync(http, Requests.Alive, paths.Verify, workers, window);
            figures.Add("no-op (GET /keys-api/alive via the gateway), req/s", noop.PerSecond);
            figures.Ratio("verify key, × no-op", verify, noop);
            var (introspectionNoop, introspection) = await Load.PairedAsync(http, Requests.Alive, paths.Introspect, workers, window);
            figures.Ratio("introspection (via the gateway), × no-op", introspection, introspectionNoop);
            var (tokenNoop, tokens) = await Load.PairedAsync(http, Requests.Alive, paths.IssueToken, workers, window);
            figures.Ratio("client_credentials token (via the gateway), × no-op", tokens, tokenNoop);
            var (agentNoop, agent) = await Load.PairedAsync(http, Requests.Alive, paths.AgentVerify, workers, window);
            figures.Ratio("agent verify (via the gateway), × no-op", agent, agentNoop);
            var issue = await Load.ClosedLoopAsync(http, requests.IssueKey, workers, window);
            figures.Add("issue a key, saturated, keys/s", issue.PerSecond);
            figures.Ratio("issue a key, × no-op", issue, noop);
            // The reads below on a quiet platform, not in the wake of the saturated run: Audit records its backlog first.
            await AuditDelivery.DrainedAsync(http, requests);
            // One reader at a time: the figure is how long an auditor waits, not how many the server can do.
            figures.Add("as-of in Keys, 1,000-event key at event 500, p50 ms", Percentile(await Load.ClosedLoopAsync(http, KeyAsOf(busy, halfway), 1, window / 2), 50));
            var firsts = new List<double>();
            for (var i = 0; i < 30 && unasked.TryDequeue(out var at); i++)
            {
                var clock = Stopwatch.StartNew();
                await KeyAsOf(busy, at)(http);
                firsts.Add(clock.Elapsed.TotalMilliseconds);
            }
            figures.Add("as-of in Keys, 1,000-event key, an instant asked for the first time, p50 ms", Percentile([.. firsts], 50));
            figures.Add("as-of in Keys, 1,000-event key now, p50 ms", Percentile(await Load.ClosedLoopAsync(http, KeyAsOf(busy, now), 1, window / 2), 50));
            figures.Add("as-of in Audit, 1,000-event key at event 500, p50 ms", Percentile(await Load.ClosedLoopAsync(http, AuditAsOf(busy, halfway), 1, window / 2), 50));
            figures.Add("as-of in Audit, 1-event key, p50 ms", Percentile(await Load.ClosedLoopAsync(http, AuditAsOf(single, now), 1, window / 2), 50));

            var (achieved, delivery) = await AuditDelivery.PacedAsync(http, requests, rate, window, workers);
            figures.Add($"paced issue at {rate}/s: achieved, keys/s", achieved);
            figures.Add($"issue → audit entry at {rate}/s, p99 ms", Percentile(delivery.DelaysMs, 99));
            figures.Add($"issue → audit entry at {rate}/s, missing after a minute", delivery.Missing);
            Console.WriteLine($"  paced {achieved:N0}/s; issue → audit p50 {Percentile(delivery.DelaysMs, 50):N0} ms, p99 {Percentile(delivery.DelaysMs, 99):N0} ms; slowest per second: {delivery.Profile()}");
            figures.Add("revoke → refused by verify, p99 ms", Percentile(await Revocation.MeasureAsync(http, requests, 50), 99));
            figures.Add("access token revoked → refused by Keys, Agents and Audit, p99 ms", Percentile(await SignOut.MeasureAsync(http, requests, 20), 99));
            figures.Add("account suspended → its key, access token and agent credential refused by the sample API, p99 ms",
                Percentile((await Suspension.MeasureAsync(http, platform.AdminKey, 10)).All, 99));
            if (figures.Errors(noop) is { } errors) Console.WriteLine(errors);
        }

        var table = figures.Table(platform.ColdStart, platform.ServiceStarts, repetitions, window, workers);
        Console.WriteLine(table);
        if (readme is not null) Section.Replace(readme, Begin, End, table);
    }

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    private static async Task WaitForAuditAsync(HttpClient http, Requests requests, Guid subject, int events)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (await requests.AuditCountAsync(http, subject) >= events) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"Audit did not record {events} events of {subject} within 2 min");
    }

    private static double Percentile(LoadResult result, int percentile) => Report.P(result.LatenciesMs, percentile);

    private static double Percentile(double[] values, int percentile) => Report.P(values, percentile);

    /// <summary>Each figure's value per repetition, in the order first measured.</summary>
    private sealed class Figures
    {
        private readonly List<(string Name, List<double> Values)> _rows = [];
        private readonly List<string> _errors = [];

        public void Add(string name, double value)
        {
            if (_rows.FirstOrDefault(r => r.Name == name) is { Values: { } values }) values.Add(value);
            else _rows.Add((name, [value]));
        }

        public void Ratio(string name, LoadResult result, LoadResult baseline)
        {
            Add(name, result.PerSecond / baseline.PerSecond);
            if (result.Errors > 0) _errors.Add($"{name}: {result.Errors} errors");
        }

        public string? Errors(LoadResult noop) => _errors.Count == 0 && noop.Errors == 0 ? null : string.Join("; ", _errors.Append($"no-op: {noop.Errors} errors"));

        public string Table(TimeSpan coldStart, IReadOnlyDictionary<string, double> serviceStarts, int repetitions, TimeSpan window, int workers)
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} by `dotnet run -c Release --project bench/LoadDriver -- suite`: {repetitions} interleaved repetitions, " +
                $"{window.TotalSeconds:0} s per figure (verify and introspection: as many 1 s slices, alternating with as many of the no-op), {workers} workers, one replica of each service, no dashboard, on {Environment.ProcessorCount} cores shared by the driver, the services and PostgreSQL.");
            text.AppendLine();
            text.AppendLine("| figure | min | median | max |");
            text.AppendLine("|---|---|---|---|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| cold start: AppHost started (built) → every service healthy, s | {coldStart.TotalSeconds:0.0} | | |");
            if (serviceStarts.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| a service's process started → healthy, s (over its {serviceStarts.Count} services) | {Report.Spread(serviceStarts.Values, " | ")} |");
            }
            foreach (var (name, values) in _rows)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Report.Spread(values, " | ")} |");
            if (serviceStarts.Count > 0)
                text.AppendLine().AppendLine("Each service, process started → healthy (s): " +
                    string.Join(", ", serviceStarts.OrderBy(s => s.Key).Select(s => $"{s.Key.Split('-')[..^1].Aggregate((a, b) => a + "-" + b)} {s.Value.ToString("0.0", CultureInfo.InvariantCulture)}")) + ".");
            return text.ToString();
        }
    }
}
