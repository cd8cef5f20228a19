namespace Platform.Hosting;

/// <summary>The <c>With…</c> and <c>WaitFor</c> calls of the app model, named as Aspire names them.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Injects <c>ConnectionStrings__&lt;source name&gt;</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source)
    {
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Injects <c>services__&lt;source name&gt;__http__&lt;i&gt;</c> for every replica of the source.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
    {
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Starts this resource only once the dependency is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : Resource
    {
        if (ReferenceEquals(builder.Resource, dependency.Resource))
            throw new ArgumentException($"{builder.Resource.Name} cannot wait for itself", nameof(dependency));
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string? value)
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }

    /// <summary>The variable is the URL of <paramref name="endpointOf"/>'s first replica (as Aspire's endpoint references), e.g. a public origin.</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, IResourceBuilder<ProjectResource> endpointOf) =>
        builder.WithEnvironment(name, endpointOf, "");

    /// <summary>The URL of <paramref name="endpointOf"/>'s first replica followed by <paramref name="path"/> (Aspire writes <c>$"{endpoint}/mcp"</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, IResourceBuilder<ProjectResource> endpointOf, string path)
    {
        builder.Resource.EndpointEnvironment[name] = (endpointOf.Resource, path);
        return builder;
    }
}
