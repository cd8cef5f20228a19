using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>
/// With no collector configured (a run without the dashboard, a deployment without OTLP), no trace is recorded.
/// Its own class: a host that does record, alive in the same process, would sample this host's activities too
/// (activity sources are process-wide), as TelemetryTests' host does.
/// </summary>
public class UnexportedTelemetryTests
{
    [Fact]
    public async Task without_a_collector_nothing_is_recorded_so_requests_do_not_pay_for_traces_that_go_nowhere()
    {
        var spans = new List<Activity>();
        await using var host = await ServiceHost.StartAsync<KeysApi>(web =>
            web.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(spans))));
        var (_, admin) = await host.CreateAccountAsync();

        await host.IssueAsync(admin, Scenarios.AKey());
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Microsoft.Extensions.Hosting.Extensions.RecordsTraces(host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()).ShouldBeFalse();
        lock (spans) spans.Select(s => $"{s.Source.Name} {s.DisplayName}").ShouldBeEmpty();
    }

}
