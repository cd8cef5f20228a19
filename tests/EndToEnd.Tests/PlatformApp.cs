using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The real AppHost started through Aspire.Hosting.Testing: a throw-away PostgreSQL, a free gateway
/// port, no Aspire dashboard; ready once the gateway (which waits for every service) is healthy.
/// </summary>
public static class PlatformApp
{
    /// <param name="dashboard">Run the Aspire dashboard too, for tests that read the telemetry it received.</param>
    public static async Task<(DistributedApplication App, FirstRunCredentials FirstRun)> StartAsync(string[] args, TimeSpan timeout, bool dashboard = false)
    {
        using var startup = new CancellationTokenSource(timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = dashboard },
            ["--AppHost:Ephemeral=true", "--Gateway:Port=0", .. args], startup.Token);
        var app = await builder.BuildAsync(startup.Token);
        using var watching = new CancellationTokenSource();
        var states = StartupReport.Watch(app, watching.Token);
        try
        {
            await app.StartAsync(startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
        }
        catch (OperationCanceledException) when (startup.IsCancellationRequested)
        {
            throw new TimeoutException($"the platform was not healthy within {timeout.TotalMinutes:0} min\n{await states.DescribeAsync(app)}");
        }
        finally
        {
            await watching.CancelAsync();
        }
        var firstRun = await app.Services.GetRequiredService<DevelopmentCredentials>().FirstRun.WaitAsync(startup.Token)
            ?? throw new InvalidOperationException("a fresh platform hands out its first run's credentials");
        return (app, firstRun);
    }

    public static Uri Gateway(this DistributedApplication app) => app.GetEndpoint("gateway", "http");

    /// <summary>The replicas of a service as DCP runs them: instance name, process id, state, own URL.</summary>
    public static IReadOnlyList<Replica> Replicas(this DistributedApplication app, string service) =>
        Watchers.GetValue(app, a => new ReplicaWatcher(a)).Of(service);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DistributedApplication, ReplicaWatcher> Watchers = [];
}

/// <summary>One running instance of a service.</summary>
public sealed record Replica(string Name, int? ProcessId, string? State, string? Health, Uri? Url);

/// <summary>The newest snapshot of every resource instance, from Aspire's resource notifications.</summary>
internal sealed class ReplicaWatcher
{
    private readonly Dictionary<string, ResourceEvent> _latest = [];
    private readonly Lock _gate = new();

    public ReplicaWatcher(DistributedApplication app) => _ = WatchAsync(app);

    public IReadOnlyList<Replica> Of(string service)
    {
        lock (_gate)
            return [.. _latest.Values.Where(e => e.Resource.Name == service).OrderBy(e => e.ResourceId).Select(e =>
            {
                var snapshot = e.Snapshot;
                var pid = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
                var url = snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value;
                return new Replica(e.ResourceId, pid is null ? null : ServiceProcess.Of(Convert.ToInt32(pid)), snapshot.State?.Text, snapshot.HealthStatus?.ToString(),
                    url is null ? null : new Uri(url.Split(';')[0]));
            })];
    }

    private async Task WatchAsync(DistributedApplication app)
    {
        var stopping = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(stopping))
                lock (_gate) _latest[update.ResourceId] = update;
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>
/// The service's own process. The AppHost starts a service as <c>dotnet &lt;assembly&gt;</c>, so it is the one DCP
/// names; under Aspire's default <c>dotnet run</c> it would be that process's child (the process a test kills to
/// simulate a crash; its parent then exits with it, and DCP sees the exit).
/// </summary>
internal static class ServiceProcess
{
    public static int Of(int launcher)
    {
        var cmdline = Read($"/proc/{launcher}/cmdline");
        if (cmdline is null || !cmdline.Contains("\0run\0", StringComparison.Ordinal)) return launcher;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
            var stat = Read($"{dir}/stat");
            if (stat is null) continue;
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var parent) && parent == launcher) return pid;
        }
        return launcher;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
