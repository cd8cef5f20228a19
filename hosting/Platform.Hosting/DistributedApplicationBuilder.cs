using System.Reflection;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.Orchestration;

namespace Platform.Hosting;

/// <summary>Collects the app model; <see cref="Build"/> turns it into a runnable <see cref="DistributedApplication"/>.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];
    private readonly AppHostMetadata _metadata;
    private readonly bool _testing;

    internal DistributedApplicationBuilder(string[] args, Assembly? appHostAssembly, bool testing)
    {
        _testing = testing;
        _metadata = AppHostMetadata.Read(appHostAssembly);
        RepositoryRoot = Hosting.RepositoryRoot.Find(_metadata);
        Configuration = AppHostConfiguration.Create(args, _metadata.ContentRoot);
        StateDirectory = testing ? Path.Combine(Path.GetTempPath(), $"platform-apphost-{Guid.NewGuid():N}") : Path.Combine(RepositoryRoot, ".state");
        Directory.CreateDirectory(StateDirectory);
    }

    /// <summary>Files the AppHost keeps between runs (the repository's <c>.state</c>; a throw-away folder when testing).</summary>
    public string StateDirectory { get; }

    /// <summary>appsettings.json beside the AppHost, environment variables, command line (later wins).</summary>
    public ConfigurationManager Configuration { get; }

    /// <summary>The AppHost's environment, handed to services as ASPNETCORE_ENVIRONMENT.</summary>
    public string EnvironmentName =>
        Configuration["DOTNET_ENVIRONMENT"] ?? Configuration["ASPNETCORE_ENVIRONMENT"] ?? "Development";

    /// <summary>The folder holding Platform.sln; project paths are relative to it.</summary>
    public string RepositoryRoot { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"a resource named {resource.Name} already exists", nameof(resource));
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        var settings = AppHostSettings.From(Configuration, _metadata, RepositoryRoot, EnvironmentName, _testing);
        return new DistributedApplication(new Orchestrator([.. _resources], settings), Configuration);
    }
}
