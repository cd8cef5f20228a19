using Microsoft.Extensions.Configuration;
using Platform.Hosting.Orchestration;
using Platform.Hosting.Testing;

namespace Platform.Hosting;

/// <summary>The built app: <see cref="Run"/> it from an AppHost, or start it from a test and query it.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly Orchestrator _orchestrator;

    internal DistributedApplication(Orchestrator orchestrator, IConfiguration configuration)
    {
        _orchestrator = orchestrator;
        Configuration = configuration;
    }

    public IConfiguration Configuration { get; }

    /// <summary>Runs once every resource is healthy, from a terminal run and from a test alike.</summary>
    public List<Func<DistributedApplication, CancellationToken, Task>> OnStarted { get; } = [];

    /// <summary>Values the AppHost's own code hands to whoever runs it (a test reads what a terminal run prints).</summary>
    public IDictionary<string, object> Items { get; } = new System.Collections.Concurrent.ConcurrentDictionary<string, object>();

    internal async Task NotifyStartedAsync(CancellationToken ct)
    {
        foreach (var started in OnStarted) await started(this, ct);
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => TestingHook.Current is { } hook
        ? new DistributedApplicationBuilder(args, hook.AppHostAssembly, testing: true)
        : new DistributedApplicationBuilder(args, System.Reflection.Assembly.GetEntryAssembly(), testing: false);

    /// <summary>Runs until Ctrl+C or SIGTERM; a failure prints one line on stderr and sets exit code 1.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    public async Task RunAsync(CancellationToken ct = default)
    {
        // Under DistributedApplicationTestingBuilder the test starts the app itself.
        if (TestingHook.Current?.Capture(this) == true) return;
        Environment.ExitCode = await new ConsoleLifetime(_orchestrator, NotifyStartedAsync).RunAsync(ct);
    }

    /// <summary>Starts every resource and returns once all are healthy; throws <see cref="DistributedApplicationException"/> otherwise.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        try
        {
            await _orchestrator.StartAsync(ct);
            await NotifyStartedAsync(ct);
        }
        catch
        {
            await _orchestrator.StopAsync();
            throw;
        }
    }

    /// <summary>Stops everything, dependents first, PostgreSQL last. Safe to call more than once.</summary>
    public Task StopAsync() => _orchestrator.StopAsync();

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The HTTP endpoint of one replica of a project, e.g. http://127.0.0.1:5080.</summary>
    public Uri GetEndpoint(string resourceName, int replica = 0) =>
        _orchestrator.Runner(resourceName) is ProjectRunner project
            ? project.Endpoints[replica]
            : throw new ArgumentException($"{resourceName} is not a project", nameof(resourceName));

    /// <summary>The connection string a reference to this resource injects; null before it started.</summary>
    public string? GetConnectionString(string resourceName) => _orchestrator.Runner(resourceName).ConnectionString;

    public IReadOnlyList<ReplicaSnapshot> GetReplicas(string resourceName) => _orchestrator.Runner(resourceName).Snapshot();

    public ResourceState GetState(string resourceName, int replica = 0) => GetReplicas(resourceName)[replica].State;

    /// <summary>The pid of the replica's running process (the app itself); throws when none runs now.</summary>
    public int GetProcessId(string resourceName, int replica = 0) =>
        GetReplicas(resourceName)[replica].ProcessId ?? throw new InvalidOperationException($"{resourceName} replica {replica} has no running process");

    /// <summary>Returns once every replica of the resource is healthy (again).</summary>
    public async Task WaitForHealthyAsync(string resourceName, CancellationToken ct = default)
    {
        var runner = _orchestrator.Runner(resourceName);
        while (true)
        {
            var next = _orchestrator.Context.Signal.Next;
            if (runner.Snapshot().All(r => r.State == ResourceState.Healthy)) return;
            await next.WaitAsync(ct);
        }
    }
}
