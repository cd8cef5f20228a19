using System.Globalization;
using System.Text;

namespace Platform.Bench;

/// <summary>
/// Two builds of the platform side by side in one run (issue 20: the hot paths no slower than before): each
/// repetition starts one checkout, prepares the hot paths, measures each against the no-op in alternating one-second
/// slices, stops it, then does the same with the other; the order of the two alternates between repetitions, so a
/// slow stretch of a shared machine lands on both alike. Both checkouts must be built in Release.
/// </summary>
public static class Compare
{
    public const string Begin = "<!-- compare:begin -->";
    public const string End = "<!-- compare:end -->";

    private static readonly string[] Paths = ["verify key", "client_credentials token", "agent verify", "introspection"];

    public static async Task RunAsync(string before, string after, int repetitions, TimeSpan window, int workers, string? readme)
    {
        var ratios = new Dictionary<(string Build, string Path), List<double>>();
        var noops = new Dictionary<string, List<double>>();
        var commits = new Dictionary<string, string> { ["before"] = Commit(before), ["after"] = Commit(after) };
        for (var rep = 1; rep <= repetitions; rep++)
        {
            var order = rep % 2 == 1 ? new[] { ("before", before), ("after", after) } : [("after", after), ("before", before)];
            foreach (var (build, checkout) in order)
            {
                Console.WriteLine($"repetition {rep} of {repetitions}: {build} ({commits[build]})");
                await using var platform = await PlatformProcess.StartAsync(checkout, TimeSpan.FromMinutes(5));
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = platform.Gateway };
                var paths = await HotPaths.PrepareAsync(http, new Requests(platform.AdminKey));
                var calls = new[] { paths.Verify, paths.IssueToken, paths.AgentVerify, paths.Introspect };
                // Warm-up: JIT, connection pools, the indexes' first reads.
                foreach (var call in calls.Prepend(Requests.Alive)) await Load.ClosedLoopAsync(http, call, workers, TimeSpan.FromSeconds(2));
                for (var i = 0; i < calls.Length; i++)
                {
                    var (noop, subject) = await Load.PairedAsync(http, Requests.Alive, calls[i], workers, window);
                    if (subject.Errors > 0 || noop.Errors > 0) Console.WriteLine($"  {Paths[i]}: {subject.Errors} errors, no-op {noop.Errors}");
                    Add(ratios, (build, Paths[i]), subject.PerSecond / noop.PerSecond);
                    Add(noops, build, noop.PerSecond);
                    Console.WriteLine($"  {Paths[i]}: {subject.PerSecond / noop.PerSecond:0.00} × no-op ({noop.PerSecond:N0} req/s)");
                }
            }
        }

        var table = Table(ratios, noops, commits, repetitions, window, workers);
        Console.WriteLine(table);
        if (readme is not null) Section.Replace(readme, Begin, End, table);
    }

    private static string Table(Dictionary<(string, string), List<double>> ratios, Dictionary<string, List<double>> noops,
        Dictionary<string, string> commits, int repetitions, TimeSpan window, int workers)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} by `dotnet run -c Release --project bench/LoadDriver -- compare <before> <after>`: " +
            $"before = {commits["before"]}, after = {commits["after"]}; {repetitions} repetitions, each starting both builds in turn (fresh, Release, " +
            $"no dashboard; the order alternates), {window.TotalSeconds:0} s per path in 1 s slices alternating with the no-op, {workers} workers, " +
            $"on {Environment.ProcessorCount} cores shared by the driver, the services and PostgreSQL. Ratios to the same slices' no-op; min / median / max.");
        text.AppendLine();
        text.AppendLine("| path (via the gateway), × no-op | before | after |");
        text.AppendLine("|---|---|---|");
        foreach (var path in Paths)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {path} | {Spread(ratios[("before", path)])} | {Spread(ratios[("after", path)])} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| (no-op, req/s) | {Spread(noops["before"], "#,0")} | {Spread(noops["after"], "#,0")} |");
        return text.ToString();
    }

    private static string Spread(List<double> values, string format = "0.00")
    {
        var sorted = values.Order().ToArray();
        return string.Join(" / ", new[] { sorted[0], sorted[sorted.Length / 2], sorted[^1] }.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
    }

    private static void Add<TKey>(Dictionary<TKey, List<double>> into, TKey key, double value) where TKey : notnull
    {
        if (!into.TryGetValue(key, out var values)) into[key] = values = [];
        values.Add(value);
    }

    private static string Commit(string checkout)
    {
        var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", checkout, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true })!;
        var commit = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return commit.Length > 0 ? commit : Path.GetFileName(checkout);
    }
}
