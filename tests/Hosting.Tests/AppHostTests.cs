using Platform.Hosting;
using Shouldly;

namespace Hosting.Tests;

/// <summary>The test AppHost's own Program, run the way the platform's tests run the real AppHost.</summary>
public sealed class AppHostTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task testing_builder_runs_the_apphost_program_and_every_resource_becomes_healthy()
    {
        var ct = TestAppHost.Timeout();
        await using var app = await DistributedApplicationTestingBuilder.StartAsync(TestAppHost.Assembly, ["--replicas", "2"], ct);

        foreach (var name in new[] { "postgres", "platform", "worker", "front" })
            app.GetReplicas(name).ShouldAllBe(r => r.State == ResourceState.Healthy, name);
        app.GetReplicas("worker").Count.ShouldBe(2);
        app.GetEndpoint("front").Port.ShouldNotBe(5089, "testing mode takes a free port even for a fixed one");
        (await Http.GetStringAsync(new Uri(app.GetEndpoint("worker", 1), "/db"), ct)).ShouldBe("platform");
    }

    [Fact]
    public async Task each_replica_gets_the_environment_aspire_would_give_it()
    {
        var ct = TestAppHost.Timeout();
        await using var app = await DistributedApplicationTestingBuilder.StartAsync(TestAppHost.Assembly, ["--replicas", "2"], ct);
        async Task<string> Env(string resource, int replica, string name) =>
            await Http.GetStringAsync(new Uri(app.GetEndpoint(resource, replica), $"/env/{name}"), ct);

        (await Env("front", 0, "services__worker__http__0")).ShouldBe($"http://127.0.0.1:{app.GetEndpoint("worker", 0).Port}");
        (await Env("front", 0, "services__worker__http__1")).ShouldBe($"http://127.0.0.1:{app.GetEndpoint("worker", 1).Port}");
        (await Env("worker", 1, "ConnectionStrings__platform")).ShouldBe(app.GetConnectionString("platform"));
        (await Env("worker", 1, "ASPNETCORE_URLS")).ShouldBe($"http://127.0.0.1:{app.GetEndpoint("worker", 1).Port}");
        (await Env("worker", 1, "OTEL_SERVICE_NAME")).ShouldBe("worker");
        (await Env("worker", 1, "OTEL_RESOURCE_ATTRIBUTES")).ShouldBe("service.instance.id=worker-1");
        (await Env("worker", 0, "PLATFORM_APPHOST_PID")).ShouldBe(Environment.ProcessId.ToString());
        (await Env("worker", 0, "ASPNETCORE_ENVIRONMENT")).ShouldBe("Development");
        (await Env("worker", 1, "PUBLIC_ORIGIN")).ShouldBe($"http://127.0.0.1:{app.GetEndpoint("front").Port}");
        (await Env("worker", 1, "PUBLIC_MCP")).ShouldBe($"http://127.0.0.1:{app.GetEndpoint("front").Port}/mcp");
    }

    [Fact]
    public async Task killed_replica_is_restarted_and_becomes_healthy()
    {
        var ct = TestAppHost.Timeout();
        await using var app = await DistributedApplicationTestingBuilder.StartAsync(TestAppHost.Assembly, [], ct);
        var killed = app.GetProcessId("worker");

        Posix.Signal(killed, Posix.SigKill).ShouldBeTrue();
        while (app.GetReplicas("worker")[0].Restarts == 0) await Task.Delay(100, ct);
        await app.WaitForHealthyAsync("worker", ct);

        app.GetProcessId("worker").ShouldNotBe(killed);
        (await Http.GetAsync(new Uri(app.GetEndpoint("worker"), "/health"), ct)).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task disposing_the_app_leaves_no_process_and_no_data_folder_behind()
    {
        var ct = TestAppHost.Timeout();
        var app = await DistributedApplicationTestingBuilder.StartAsync(TestAppHost.Assembly, ["--replicas", "2"], ct);
        var pids = new[] { "postgres", "worker", "front" }.SelectMany(app.GetReplicas).Select(r => r.ProcessId.ShouldNotBeNull()).ToList();
        var dataFolder = DataFolderOf(app.GetProcessId("postgres"));
        Directory.Exists(dataFolder).ShouldBeTrue();

        await app.DisposeAsync();

        pids.Where(Posix.IsAlive).ShouldBeEmpty();
        app.GetReplicas("worker").ShouldAllBe(r => r.State == ResourceState.Stopped);
        Directory.Exists(dataFolder).ShouldBeFalse();
    }

    /// <summary>The postmaster's -D argument, read from its command line.</summary>
    private static string DataFolderOf(int postmaster)
    {
        var arguments = File.ReadAllText($"/proc/{postmaster}/cmdline").Split('\0');
        return arguments[Array.IndexOf(arguments, "-D") + 1];
    }
}
