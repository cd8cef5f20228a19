using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Platform.Bench;

/// <summary>
/// The platform as the README starts it (Release, a fresh database), here without the Aspire dashboard:
/// its ingestion of every span would share the 2 cores with what is measured. Stopped with SIGTERM.
/// </summary>
public sealed partial class PlatformProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PlatformProcess(Process process, Uri gateway, string adminKey, TimeSpan coldStart, IReadOnlyDictionary<string, double> serviceStarts) =>
        (_process, Gateway, AdminKey, ColdStart, ServiceStarts) = (process, gateway, adminKey, coldStart, serviceStarts);

    public Uri Gateway { get; }
    public string AdminKey { get; }

    /// <summary>From the AppHost's start (already built) to the first run's admin key: every service healthy.</summary>
    public TimeSpan ColdStart { get; }

    /// <summary>Per service instance: seconds from its process start to healthy, as the AppHost reports it.</summary>
    public IReadOnlyDictionary<string, double> ServiceStarts { get; }

    public static async Task<PlatformProcess> StartAsync(string checkout, TimeSpan timeout)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", ["run", "-c", "Release", "--no-build", "--project", Path.Combine(checkout, "AppHost"), "--",
            "--fresh", "--no-dashboard", $"--Gateway:Port={port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = checkout,
        };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var key = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recent = new Queue<string>();
        var starts = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        void Keep(string line)
        {
            lock (recent)
            {
                recent.Enqueue(line);
                if (recent.Count > 60) recent.Dequeue();
            }
        }
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            if (AdminKeyLine().Match(line) is { Success: true } match) key.TrySetResult(match.Value);
            else Keep(line);
            if (HealthyLine().Match(line) is { Success: true } healthy)
                starts.TryAdd(healthy.Groups[1].Value, double.Parse(healthy.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) Keep(line);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var adminKey = await key.Task.WaitAsync(timeout);
            return new PlatformProcess(process, new Uri($"http://127.0.0.1:{port}"), adminKey, clock.Elapsed, starts);
        }
        catch (TimeoutException)
        {
            await StopAsync(process);
            lock (recent) throw new TimeoutException($"the platform printed no admin key within {timeout.TotalMinutes:0} min; its last lines:\n{string.Join('\n', recent)}");
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(_process));

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        // SIGTERM to `dotnet run`'s child (the AppHost) and to `dotnet run` itself: Aspire stops every service and PostgreSQL.
        foreach (var pid in Children(process.Id).Append(process.Id)) Kill(pid);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static IEnumerable<int> Children(int pid) =>
        File.Exists($"/proc/{pid}/task/{pid}/children")
            ? File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)
            : [];

    private static void Kill(int pid) => Process.Start("kill", ["-TERM", pid.ToString()])?.WaitForExit();

    private static int FreePort()
    {
        using var socket = new TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }

    [GeneratedRegex("sk_live_[A-Za-z0-9]+")]
    private static partial Regex AdminKeyLine();

    [GeneratedRegex(@"^\s*(\S+): healthy ([0-9.]+) s after its process started")]
    private static partial Regex HealthyLine();
}
