namespace Platform.Hosting.Orchestration;

/// <summary>
/// Starts the resources in WaitFor order (independent ones in parallel), prints the table once all are
/// healthy, and stops them in reverse order.
/// </summary>
internal sealed class Orchestrator
{
    private readonly OrchestratorContext _context;
    private readonly List<ResourceRunner> _runners = [];
    private readonly Lock _gate = new();
    private IReadOnlyList<ResourceRunner> _order = [];
    private Task? _stopped;
    private volatile bool _stopping;

    public Orchestrator(IReadOnlyList<IResource> resources, AppHostSettings settings)
    {
        _context = new OrchestratorContext(settings);
        foreach (var resource in resources)
        {
            ResourceRunner runner = resource switch
            {
                ProjectResource p => new ProjectRunner(p, _context),
                PostgresServerResource s => new PostgresServerRunner(s, _context),
                PostgresDatabaseResource d => new PostgresDatabaseRunner(d, _context),
                _ => throw new NotSupportedException($"{resource.Name}: resources of type {resource.GetType().Name} cannot be run"),
            };
            _runners.Add(runner);
            _context.Add(runner);
        }
    }

    public bool IsStopping => _stopping;

    public OrchestratorContext Context => _context;

    public IReadOnlyList<ResourceRunner> Runners => _runners;

    public ResourceRunner Runner(string name) =>
        _runners.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no resource named {name}");

    /// <summary>Returns once every resource is healthy; on failure the caller stops what did start.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _order = DependencyGraph.Order(_runners, _context);
        foreach (var runner in _order) runner.Prepare();

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAll(_runners.Select(r => StartAfterDependenciesAsync(r, failed)));
        _context.Output.Notice(ConsoleTable.Render(Rows()));
    }

    /// <summary>From now on no exit is restarted; the first thing done on Ctrl+C.</summary>
    public void MarkStopping()
    {
        _stopping = true;
        foreach (var runner in _runners) runner.MarkStopping();
    }

    /// <summary>Stops each resource once everything that depends on it has stopped. Safe to call twice.</summary>
    public Task StopAsync()
    {
        lock (_gate) return _stopped ??= StopInOrderAsync();
    }

    private async Task StopInOrderAsync()
    {
        MarkStopping();
        var order = _order.Count == _runners.Count ? _order : _runners;
        var stops = new Dictionary<ResourceRunner, Task>();
        foreach (var runner in order.Reverse())
        {
            var dependents = order.Where(d => stops.ContainsKey(d) && d.DependsOn.Contains(runner.Resource)).Select(d => stops[d]).ToList();
            stops[runner] = StopAfterAsync(runner, dependents);
        }
        await Task.WhenAll(stops.Values);
    }

    private static async Task StopAfterAsync(ResourceRunner runner, List<Task> dependents)
    {
        await Task.WhenAll(dependents);
        await runner.StopAsync();
    }

    private async Task StartAfterDependenciesAsync(ResourceRunner runner, CancellationTokenSource failed)
    {
        try
        {
            foreach (var dependency in runner.StartAfter) await _context.Runner(dependency).Healthy.WaitAsync(failed.Token);
            await runner.StartAsync(failed.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failure ends the start: the others stop waiting instead of running into their own timeouts.
            failed.Cancel();
            throw;
        }
    }

    private List<ConsoleTable.Row> Rows() => [.. _runners.Select(r =>
    {
        var replicas = r.Snapshot();
        var states = replicas.Select(s => s.State).Distinct().ToList();
        var urls = replicas.Select(s => s.Endpoint is { } e ? ReplicaEnvironment.Url(e) + e.AbsolutePath.TrimEnd('/') : "(external)");
        return new ConsoleTable.Row(r.Name, string.Join(", ", states), string.Join(", ", urls), r.Resource is ProjectResource { IsPublic: true });
    })];
}
