namespace Platform.Hosting;

/// <summary>A .NET project run as one or more replicas of <c>dotnet &lt;its built dll&gt;</c>.</summary>
public sealed class ProjectResource(string name, string projectPath)
    : Resource(name), IResourceWithEnvironment, IResourceWithServiceDiscovery
{
    /// <summary>The .csproj, relative to the repository root (or absolute).</summary>
    public string ProjectPath { get; } = projectPath;

    public int Replicas { get; internal set; } = 1;

    /// <summary>The port asked for with <c>WithHttpEndpoint(port:)</c>; null takes a free one per replica.</summary>
    public int? HttpPort { get; internal set; }

    /// <summary>True once <c>WithHttpEndpoint</c> was called: the endpoint a person opens.</summary>
    public bool IsPublic { get; internal set; }

    internal Dictionary<string, string?> Environment { get; } = [];

    /// <summary>Variables whose value is another project's public URL, known only once ports are given out.</summary>
    internal Dictionary<string, (ProjectResource Target, string Path)> EndpointEnvironment { get; } = [];

    internal List<IResource> References { get; } = [];
}
