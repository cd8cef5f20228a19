using System.Net;
using System.Net.Sockets;
using Platform.Hosting;
using Shouldly;

namespace Hosting.Tests;

/// <summary>Models written in the test, for the failures a person must get one clear line for.</summary>
public sealed class OrchestratorTests
{
    [Fact]
    public async Task a_service_that_never_gets_healthy_fails_the_start_and_is_stopped()
    {
        var builder = TestAppHost.CreateBuilder("--AppHost:HealthTimeout=3");
        builder.AddProject("web", TestAppHost.AppProject).WithEnvironment("UNHEALTHY", "1");
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(TestAppHost.Timeout()));

        error.Message.ShouldBe("web did not become healthy within 3 s (last: GET /health answered 503)");
        app.GetReplicas("web").ShouldAllBe(r => r.State == ResourceState.Stopped && r.ProcessId == null);
    }

    [Fact]
    public async Task a_fixed_port_in_use_fails_before_anything_starts()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var builder = TestAppHost.CreateBuilder("--AppHost:RandomizePorts=false");
        var db = builder.AddPostgres("postgres").AddDatabase("platform");
        builder.AddProject("gateway", TestAppHost.AppProject).WithHttpEndpoint(port: port).WithReference(db).WaitFor(db);
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(TestAppHost.Timeout()));

        error.Message.ShouldBe($"gateway: port {port} is already in use");
        app.GetState("postgres").ShouldBe(ResourceState.NotStarted);
    }

    [Fact]
    public async Task a_project_the_apphost_does_not_reference_fails_with_one_line()
    {
        var builder = TestAppHost.CreateBuilder();
        builder.AddProject("ghost", "services/Ghost/Ghost.csproj");
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(TestAppHost.Timeout()));

        error.Message.ShouldStartWith("ghost: services/Ghost/Ghost.csproj is not a ProjectReference");
    }

    [Fact]
    public async Task a_configured_connection_string_replaces_the_embedded_server()
    {
        const string external = "Host=db.example;Database=platform;Username=app";
        var builder = TestAppHost.CreateBuilder($"--ConnectionStrings:platform={external}");
        var db = builder.AddPostgres("postgres").AddDatabase("platform");
        builder.AddProject("web", TestAppHost.AppProject).WithReference(db).WaitFor(db);
        await using var app = builder.Build();

        var ct = TestAppHost.Timeout();
        await app.StartAsync(ct);

        app.GetConnectionString("platform").ShouldBe(external);
        app.GetReplicas("postgres").Single().ProcessId.ShouldBeNull();
        using var http = new HttpClient();
        (await http.GetStringAsync(new Uri(app.GetEndpoint("web"), "/env/ConnectionStrings__platform"), ct)).ShouldBe(external);
    }

    [Fact]
    public async Task resources_that_wait_for_each_other_are_refused()
    {
        var builder = TestAppHost.CreateBuilder();
        var a = builder.AddProject("a", TestAppHost.AppProject);
        var b = builder.AddProject("b", TestAppHost.AppProject).WaitFor(a);
        a.WaitFor(b);
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(TestAppHost.Timeout()));

        error.Message.ShouldBe("resources wait for each other: a -> b -> a");
    }
}
