using System.Reflection;
using Microsoft.Extensions.Hosting;
using Platform.EmbeddedPostgres;

namespace Platform.AppHost;

public static class ServiceResources
{
    /// <summary>
    /// A platform service: one http endpoint (behind DCP's proxy, which balances replicas, only when there
    /// are several), ready as soon as its <c>/health</c> answers (<see cref="PromptReadiness"/>), started again with backoff when it crashes, in the environment
    /// <see cref="EnvironmentOf"/> names.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder,
        string name, int replicas, int? port = null) where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true).FromBuiltAssembly();
        // A fixed port (the gateway's) is bound by the service itself: no proxy hop in front of every public
        // request. Port 0 asks for a free one (tests, a second copy on one machine). A single replica binds a
        // free port of its own too: DCP's proxy, there only to balance replicas, cost a third of the
        // gateway's throughput on a 2-core machine. A manifest leaves ports to the deployment.
        var direct = builder.ExecutionContext.IsRunMode && replicas == 1 ? 0 : (int?)null;
        service = (port ?? direct) is { } fixedPort
            ? service.WithHttpEndpoint(port: fixedPort == 0 ? LoopbackPorts.Free() : fixedPort, name: "http", isProxied: false)
            : service.WithHttpEndpoint(name: "http");
        if (replicas > 1) service.WithReplicas(replicas);
        var environment = EnvironmentOf(builder);
        // Both names: the services would otherwise inherit the AppHost's own (Development, from its launch profile).
        return service.WithEnvironment("DOTNET_ENVIRONMENT", environment).WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithoutDashboardNoExport()
            .WithHttpHealthCheck("/health").WithPromptHealthChecks().WithRestartOnExit();
    }

    /// <summary>
    /// With no dashboard to receive it, a service exports nothing: Aspire still names the dashboard's
    /// OTLP address, and an exporter would retry every batch against a closed port.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithoutDashboardNoExport(this IResourceBuilder<ProjectResource> service)
    {
        var options = service.ApplicationBuilder.Services
            .Select(d => d.ServiceType == typeof(DistributedApplicationOptions) ? d.ImplementationInstance : null)
            .OfType<DistributedApplicationOptions>().FirstOrDefault();
        return options is { DisableDashboard: true } && service.ApplicationBuilder.ExecutionContext.IsRunMode
            ? service.WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"))
            : service;
    }

    /// <summary>
    /// The services' environment: <c>Services:Environment</c> when given; otherwise Production for a
    /// published manifest or a Release build (what is measured and deployed), Development for a Debug build.
    /// </summary>
    public static string EnvironmentOf(IDistributedApplicationBuilder builder) =>
        builder.Configuration["Services:Environment"] is { Length: > 0 } named ? named
        : builder.ExecutionContext.IsPublishMode || BuiltAs("Release") ? Environments.Production
        : Environments.Development;

    private static bool BuiltAs(string configuration) =>
        typeof(ServiceResources).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration == configuration;

    /// <summary>Sets a variable only when the AppHost was given a value: an empty one would override the service's default.</summary>
    public static IResourceBuilder<ProjectResource> WithOptionalEnvironment(this IResourceBuilder<ProjectResource> service, string name, string? value) =>
        string.IsNullOrEmpty(value) ? service : service.WithEnvironment(name, value);

    /// <summary>A setting that names something of this machine (a file of this run): left out of a published manifest.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalEnvironment(this IResourceBuilder<ProjectResource> service, string name, string value) =>
        service.ApplicationBuilder.ExecutionContext.IsRunMode ? service.WithEnvironment(name, value) : service;
}
