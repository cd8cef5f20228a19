namespace Platform.Hosting.Orchestration;

/// <summary>The environment a replica gets, named as Aspire names it so a real AppHost can take over.</summary>
internal static class ReplicaEnvironment
{
    public static Dictionary<string, string?> For(ProjectRunner project, int replica, OrchestratorContext context)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = Url(project.Endpoints[replica]),
            // Left over from a container image, these would fight ASPNETCORE_URLS.
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["HTTP_PORTS"] = null,
            ["HTTPS_PORTS"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = context.Settings.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{replica}",
            // Services exit by themselves when this process is gone, e.g. after a kill -9 of the AppHost.
            ["PLATFORM_APPHOST_PID"] = Environment.ProcessId.ToString(),
        };
        if (context.Settings.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } otlp)
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;

        foreach (var reference in project.Project.References)
        {
            var runner = context.Runner(reference);
            if (runner is ProjectRunner target)
            {
                for (var i = 0; i < target.Endpoints.Count; i++)
                    environment[$"services__{target.Name}__http__{i}"] = Url(target.Endpoints[i]);
            }
            else
            {
                environment[$"ConnectionStrings__{reference.Name}"] = runner.ConnectionString;
            }
        }
        foreach (var (name, value) in project.Project.Environment) environment[name] = value;
        foreach (var (name, (target, path)) in project.Project.EndpointEnvironment)
            environment[name] = Url(((ProjectRunner)context.Runner(target)).Endpoints[0]) + path;
        return environment;
    }

    public static string Url(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);
}
