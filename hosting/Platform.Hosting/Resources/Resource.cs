namespace Platform.Hosting;

/// <summary>What every resource keeps: its name and what must be healthy before it starts.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    internal List<IResource> WaitsFor { get; } = [];

    public override string ToString() => Name;
}
