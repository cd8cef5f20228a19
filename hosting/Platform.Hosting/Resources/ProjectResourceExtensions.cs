namespace Platform.Hosting;

public static class ProjectResourceExtensions
{
    /// <summary>Adds a project by its .csproj path relative to the repository root.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddResource(new ProjectResource(name, projectPath));

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>
    /// Marks the project's HTTP endpoint as the one a person opens; with a port, every run uses that port
    /// (testing mode still picks a free one).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null)
    {
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port));
        builder.Resource.HttpPort = port;
        builder.Resource.IsPublic = true;
        return builder;
    }
}
