using Platform.EmbeddedPostgres;

namespace Platform.AppHost;

public static class ServiceResources
{
    /// <summary>
    /// A platform service: one http endpoint (proxied by DCP, which balances its replicas), ready when
    /// its <c>/health</c> answers, started again with backoff when it crashes.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder,
        string name, int replicas, int? port = null) where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true);
        // A fixed port (the gateway's) is bound by the service itself: one replica, no proxy hop in front of
        // every public request. Port 0 asks for a free one (tests, a second copy on one machine).
        service = port is { } fixedPort
            ? service.WithHttpEndpoint(port: fixedPort == 0 ? LoopbackPorts.Free() : fixedPort, name: "http", isProxied: false)
            : service.WithHttpEndpoint(name: "http");
        if (replicas > 1) service.WithReplicas(replicas);
        return service.WithHttpHealthCheck("/health").WithRestartOnExit();
    }

    /// <summary>Sets a variable only when the AppHost was given a value: an empty one would override the service's default.</summary>
    public static IResourceBuilder<ProjectResource> WithOptionalEnvironment(this IResourceBuilder<ProjectResource> service, string name, string? value) =>
        string.IsNullOrEmpty(value) ? service : service.WithEnvironment(name, value);

    /// <summary>A setting that names something of this machine (a file of this run): left out of a published manifest.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalEnvironment(this IResourceBuilder<ProjectResource> service, string name, string value) =>
        service.ApplicationBuilder.ExecutionContext.IsRunMode ? service.WithEnvironment(name, value) : service;
}
