namespace Platform.Hosting.Orchestration;

/// <summary>Runs a project's replicas, each under its own supervisor, and waits for all of them healthy.</summary>
internal sealed class ProjectRunner(ProjectResource project, OrchestratorContext context) : ResourceRunner(project)
{
    private ReplicaSupervisor[] _replicas = [];
    private string _dll = "";

    public ProjectResource Project => project;

    public IReadOnlyList<Uri> Endpoints { get; private set; } = [];

    public IReadOnlyList<string> ReplicaNames =>
        project.Replicas == 1 ? [Name] : [.. Enumerable.Range(0, project.Replicas).Select(i => $"{Name}-{i}")];

    public override IEnumerable<IResource> DependsOn => StartAfter.Concat(project.References.OfType<IResourceWithConnectionString>());

    public override void Prepare()
    {
        _dll = context.Settings.Metadata.ResolveOutput(project, context.Settings.RepositoryRoot);
        if (project.HttpPort is not null && project.Replicas > 1 && !context.Settings.RandomizePorts)
            throw new DistributedApplicationException($"{Name}: a fixed port (WithHttpEndpoint(port: {project.HttpPort})) allows one replica, not {project.Replicas}");
        Endpoints = [.. Enumerable.Range(0, project.Replicas).Select(_ => new Uri($"http://127.0.0.1:{context.Ports.Allocate(Name, project.HttpPort)}"))];
        context.Output.Register(Name, ReplicaNames);
    }

    public override async Task StartAsync(CancellationToken ct)
    {
        foreach (var reference in project.References) await context.Runner(reference).ValuesReady.WaitAsync(ct);
        var directory = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(context.Settings.RepositoryRoot, project.ProjectPath)))!;
        _replicas = [.. ReplicaNames.Select((name, i) => new ReplicaSupervisor(
            new ReplicaLaunch(Name, name, DotnetHost.Path, [_dll], directory, ReplicaEnvironment.For(this, i, context), Endpoints[i]),
            i, context.Output, context.Signal))];
        foreach (var replica in _replicas) replica.Start();

        var timeout = context.Settings.HealthTimeout;
        try
        {
            await Task.WhenAll(_replicas.Select(r => r.FirstHealthy)).WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            var late = _replicas.First(r => !r.FirstHealthy.IsCompletedSuccessfully);
            throw new DistributedApplicationException($"{late.Name} did not become healthy within {timeout.TotalSeconds:0} s (last: {late.LastProblem})");
        }
        ReportHealthy();
    }

    public override void MarkStopping()
    {
        foreach (var replica in _replicas) replica.MarkStopping();
    }

    public override Task StopAsync() => Task.WhenAll(_replicas.Select(r => r.StopAsync()));

    public override IReadOnlyList<ReplicaSnapshot> Snapshot() => _replicas.Length > 0
        ? [.. _replicas.Select(r => r.Snapshot)]
        : [.. ReplicaNames.Select((name, i) => new ReplicaSnapshot(Name, name, i, ResourceState.NotStarted, Endpoints.ElementAtOrDefault(i), null, 0))];
}
