using System.Globalization;
using System.Text;

namespace Platform.Bench;

/// <summary>
/// Two builds of the platform side by side in one run (issue 20: the hot paths no slower than before): each
/// repetition starts one checkout, prepares the hot paths, measures each against the no-op in alternating one-second
/// slices, then the write path (issue saturated, then paced with each key's delay to the audit log), stops it, then does
/// the same with the other; the order of the two alternates between repetitions, so a slow stretch of a shared machine
/// lands on both alike. Both checkouts must be built in Release.
/// </summary>
public static class Compare
{
    public const string Begin = "<!-- compare:begin -->";
    public const string End = "<!-- compare:end -->";

    private static readonly string[] Paths = ["verify key", "client_credentials token", "agent verify", "introspection"];

    public static async Task RunAsync(string before, string after, int repetitions, TimeSpan window, int workers, int rate, string? readme)
    {
        var figures = new Figures();
        var commits = new Dictionary<string, string> { ["before"] = Commit(before), ["after"] = Commit(after) };
        for (var rep = 1; rep <= repetitions; rep++)
        {
            var order = rep % 2 == 1 ? new[] { ("before", before), ("after", after) } : [("after", after), ("before", before)];
            foreach (var (build, checkout) in order)
            {
                Console.WriteLine($"repetition {rep} of {repetitions}: {build} ({commits[build]})");
                await using var platform = await PlatformProcess.StartAsync(checkout, TimeSpan.FromMinutes(5));
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = platform.Gateway };
                var requests = new Requests(platform.AdminKey);
                var paths = await HotPaths.PrepareAsync(http, requests);
                var calls = new[] { paths.Verify, paths.IssueToken, paths.AgentVerify, paths.Introspect };
                // Warm-up: JIT, connection pools, the indexes' first reads.
                foreach (var call in calls.Prepend(Requests.Alive)) await Load.ClosedLoopAsync(http, call, workers, TimeSpan.FromSeconds(2));
                await AuditDelivery.WarmUpAsync(http, requests, workers);
                for (var i = 0; i < calls.Length; i++)
                {
                    var (noop, subject) = await Load.PairedAsync(http, Requests.Alive, calls[i], workers, window);
                    if (subject.Errors > 0 || noop.Errors > 0) Console.WriteLine($"  {Paths[i]}: {subject.Errors} errors, no-op {noop.Errors}");
                    figures.Add(build, $"{Paths[i]}, × no-op", subject.PerSecond / noop.PerSecond);
                    figures.Add(build, NoOp, noop.PerSecond);
                    Console.WriteLine($"  {Paths[i]}: {subject.PerSecond / noop.PerSecond:0.00} × no-op ({noop.PerSecond:N0} req/s)");
                }
                figures.Add(build, "cold start: started (built) → every service healthy, s", platform.ColdStart.TotalSeconds);
                figures.Add(build, "the slowest service: process started → healthy, s", platform.ServiceStarts.Values.DefaultIfEmpty().Max());

                // The write path: saturated against the no-op's slices, then paced, with each key's way to the audit log.
                var (issueNoop, issue) = await Load.PairedAsync(http, Requests.Alive, requests.IssueKey, workers, window);
                figures.Add(build, "issue a key, × no-op", issue.PerSecond / issueNoop.PerSecond);
                figures.Add(build, "issue a key, saturated, keys/s", issue.PerSecond);
                var (achieved, delivery) = await AuditDelivery.PacedAsync(http, requests, rate, window, workers);
                var p99 = Report.P(delivery.DelaysMs, 99);
                figures.Add(build, $"paced issue at {rate}/s: achieved, keys/s", achieved);
                figures.Add(build, $"issue → audit entry at {rate}/s, p99 ms", p99);
                figures.Add(build, $"issue → audit entry at {rate}/s, missing after a minute", delivery.Missing);
                Console.WriteLine($"  issue: {issue.PerSecond:N0} keys/s; paced {achieved:N0}/s, to the audit log p99 {p99:N0} ms, {delivery.Missing} missing");
            }
        }

        var table = figures.Table(commits, repetitions, window, workers);
        Console.WriteLine(table);
        if (readme is not null) Section.Replace(readme, Begin, End, table);
    }

    private const string NoOp = "(no-op, req/s)";

    /// <summary>Each row's values per build, rows in the order first measured (the no-op last).</summary>
    private sealed class Figures
    {
        private readonly List<string> _rows = [];
        private readonly Dictionary<(string Build, string Row), List<double>> _values = [];

        public void Add(string build, string row, double value)
        {
            if (!_rows.Contains(row)) _rows.Add(row);
            if (!_values.TryGetValue((build, row), out var values)) _values[(build, row)] = values = [];
            values.Add(value);
        }

        public string Table(Dictionary<string, string> commits, int repetitions, TimeSpan window, int workers)
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} by `dotnet run -c Release --project bench/LoadDriver -- compare <before> <after>`: " +
                $"before = {commits["before"]}, after = {commits["after"]}; {repetitions} repetitions, each starting both builds in turn (fresh, Release, " +
                $"no dashboard; the order alternates), {window.TotalSeconds:0} s per path in 1 s slices alternating with the no-op, then the write path " +
                $"({window.TotalSeconds:0} s saturated, {window.TotalSeconds:0} s paced), {workers} workers, on {Environment.ProcessorCount} cores shared by the " +
                $"driver, the services and PostgreSQL. Ratios to the same slices' no-op; min / median / max.");
            text.AppendLine();
            text.AppendLine("| path (via the gateway) | before | after |");
            text.AppendLine("|---|---|---|");
            foreach (var row in _rows.Where(r => r != NoOp).Append(NoOp))
                text.AppendLine(CultureInfo.InvariantCulture, $"| {row} | {Report.Spread(_values[("before", row)])} | {Report.Spread(_values[("after", row)])} |");
            return text.ToString();
        }
    }

    private static string Commit(string checkout)
    {
        var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", checkout, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true })!;
        var commit = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return commit.Length > 0 ? commit : Path.GetFileName(checkout);
    }
}
