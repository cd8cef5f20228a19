namespace Platform.Hosting.Orchestration;

/// <summary>Runs one resource of the model: starts it, reports it healthy, stops it.</summary>
internal abstract class ResourceRunner(Resource resource)
{
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Resource Resource { get; } = resource;

    public string Name => Resource.Name;

    /// <summary>Completes once the resource first became healthy; dependents start after it.</summary>
    public Task Healthy => _healthy.Task;

    /// <summary>Completes once the values others get from it (connection string, endpoints) are known.</summary>
    public virtual Task ValuesReady => Task.CompletedTask;

    /// <summary>What must be healthy before this starts.</summary>
    public virtual IEnumerable<IResource> StartAfter => Resource.WaitsFor;

    /// <summary>What must keep running until this has stopped: its start dependencies and what it references.</summary>
    public virtual IEnumerable<IResource> DependsOn => StartAfter;

    public virtual string? ConnectionString => null;

    /// <summary>Checks and allocations done for every resource before any starts (ports, built dlls).</summary>
    public virtual void Prepare()
    {
    }

    /// <summary>Starts the resource and returns once it is healthy.</summary>
    public abstract Task StartAsync(CancellationToken ct);

    /// <summary>Makes any later exit final, without stopping anything yet.</summary>
    public virtual void MarkStopping()
    {
    }

    public abstract Task StopAsync();

    public abstract IReadOnlyList<ReplicaSnapshot> Snapshot();

    protected void ReportHealthy() => _healthy.TrySetResult();
}
