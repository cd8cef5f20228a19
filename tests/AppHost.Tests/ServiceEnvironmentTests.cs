using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost.Tests;

/// <summary>
/// The environment every service is started in: what a Release run is measured in must be what is
/// deployed (Production), and the services must not inherit the AppHost's own Development profile.
/// </summary>
public sealed class ServiceEnvironmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_debug_build_runs_every_service_in_development_unless_told_otherwise()
    {
        // This test project builds the AppHost in its own configuration: Debug under `dotnet test`.
        var expected = typeof(PlatformState).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration == "Release" ? "Production" : "Development";
        (await EnvironmentsAsync([])).ShouldAllBe(e => e.Value == expected);
    }

    [Fact]
    public async Task services_environment_names_the_environment_of_every_service()
    {
        var environments = await EnvironmentsAsync(["--Services:Environment=Staging"]);
        environments.Keys.ShouldBe(["agents-api", "audit-api", "dashboard", "gateway", "keys-api", "mcp-server", "sample-api", "tokens-api"], ignoreOrder: true);
        environments.ShouldAllBe(e => e.Value == "Staging");
    }

    [Fact]
    public async Task without_the_dashboard_no_service_is_told_to_export_telemetry()
    {
        // The testing builder runs without the dashboard unless asked, as `--no-dashboard` does.
        foreach (var (service, variables) in await VariablesAsync([]))
            variables.ShouldNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT", service);
    }

    /// <summary>Each service's DOTNET_ENVIRONMENT, after checking ASPNETCORE_ENVIRONMENT says the same, from the AppHost's model (nothing is started).</summary>
    private static async Task<Dictionary<string, string>> EnvironmentsAsync(string[] args)
    {
        var environments = new Dictionary<string, string>();
        foreach (var (service, variables) in await VariablesAsync(args))
        {
            variables["ASPNETCORE_ENVIRONMENT"].ShouldBe(variables["DOTNET_ENVIRONMENT"], service);
            environments[service] = variables["DOTNET_ENVIRONMENT"];
        }
        return environments;
    }

    /// <summary>Every service's environment variables as the AppHost's model resolves them for a run (nothing is started).</summary>
    private static async Task<Dictionary<string, Dictionary<string, string>>> VariablesAsync(string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--AppHost:Ephemeral=true", "--Gateway:Port=0", .. args], Ct);
        await using var app = await builder.BuildAsync(Ct);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var services = new Dictionary<string, Dictionary<string, string>>();
        foreach (var service in model.Resources.OfType<ProjectResource>())
#pragma warning disable CS0618 // still the one-call way to read a resource's resolved variables in a test
            services[service.Name] = await service.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618
        return services;
    }
}
