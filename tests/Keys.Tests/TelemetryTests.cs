using System.Diagnostics;
using Alba;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>ServiceDefaults' tracing, seen through an extra in-memory exporter on a real Keys host.</summary>
public class TelemetryTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private IAlbaHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync<KeysApi>(web =>
        web.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_spans))));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task issuing_a_key_is_traced_through_aspnetcore_marten_npgsql_and_wolverine_without_the_secret()
    {
        var (_, admin) = await _host.CreateAccountAsync();
        var issued = await _host.IssueAsync(admin, Scenarios.AKey());
        await Task.Delay(500, TestContext.Current.CancellationToken); // the outbox sends after the response
        _host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<Activity> spans;
        lock (_spans) spans = [.. _spans];
        spans.Select(s => s.Source.Name).Distinct().ShouldBe(
            ["Microsoft.AspNetCore", "Marten", "Npgsql", "Wolverine"], ignoreOrder: true);
        var everything = string.Join('\n', spans.SelectMany(s =>
            new[] { s.DisplayName }.Concat(s.Tags.Select(t => $"{t.Key}={t.Value}")).Concat(s.Events.Select(e => e.Name))));
        everything.ShouldNotContain(issued.Secret[8..]);
    }
}
