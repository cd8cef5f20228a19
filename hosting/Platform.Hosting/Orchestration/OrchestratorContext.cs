namespace Platform.Hosting.Orchestration;

/// <summary>What every runner shares: settings, output, ports, and the runners of the other resources.</summary>
internal sealed class OrchestratorContext(AppHostSettings settings)
{
    private readonly Dictionary<IResource, ResourceRunner> _runners = new(ReferenceEqualityComparer.Instance);

    public AppHostSettings Settings { get; } = settings;

    public ConsoleOutput Output { get; } = new();

    public StateSignal Signal { get; } = new();

    public PortAllocator Ports { get; } = new(settings.RandomizePorts);

    public void Add(ResourceRunner runner) => _runners.Add(runner.Resource, runner);

    public ResourceRunner Runner(IResource resource) => _runners.TryGetValue(resource, out var runner)
        ? runner
        : throw new DistributedApplicationException($"{resource.Name} is referenced but was not added to this app");
}
