using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost.Tests;

/// <summary>How the AppHost starts a service: `dotnet <its built assembly>`, not `dotnet run` (BuiltAssemblyLaunch).</summary>
public sealed class BuiltAssemblyLaunchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task every_service_starts_as_its_built_assembly_in_its_project_folder()
    {
        var launches = await LaunchesAsync([]);
        launches.Keys.ShouldBe(["agents-api", "audit-api", "dashboard", "gateway", "keys-api", "mcp-server", "sample-api", "tokens-api"], ignoreOrder: true);
        foreach (var (service, (project, launch, arguments)) in launches)
        {
            launch.ShouldNotBeNull(service).Command.ShouldBe("dotnet", service);
            launch.WorkingDirectory.ShouldBe(Path.GetDirectoryName(project), service);
            // The assembly this test run built, under the project's own folder, and nothing of `run` before it.
            arguments.ShouldNotBeEmpty(service);
            var assembly = arguments[0];
            assembly.ShouldEndWith(".dll", Case.Sensitive, service);
            assembly.ShouldStartWith(Path.GetDirectoryName(project) + Path.DirectorySeparatorChar, Case.Sensitive, service);
            File.Exists(assembly).ShouldBeTrue(service);
            arguments.ShouldNotContain("run", service);
        }
    }

    [Fact]
    public async Task under_dotnet_watch_the_services_keep_aspires_own_launch()
    {
        foreach (var (service, (_, launch, _)) in await LaunchesAsync(["--DOTNET_WATCH=true"]))
            launch.ShouldBeNull(service);
    }

    private static async Task<Dictionary<string, (string Project, ExecutableAnnotation? Launch, IReadOnlyList<string> Arguments)>> LaunchesAsync(string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--AppHost:Ephemeral=true", "--Gateway:Port=0", .. args], Ct);
        await using var app = await builder.BuildAsync(Ct);
        var launches = new Dictionary<string, (string, ExecutableAnnotation?, IReadOnlyList<string>)>();
        foreach (var service in app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>())
        {
            service.TryGetLastAnnotation<ExecutableAnnotation>(out var launch);
#pragma warning disable CS0618 // still the one-call way to read a resource's resolved arguments in a test
            var arguments = await service.GetArgumentValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618
            launches[service.Name] = (service.GetProjectMetadata().ProjectPath, launch, arguments);
        }
        return launches;
    }
}
