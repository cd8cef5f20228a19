using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>
/// A host with no collector configured, alone in its class: a host that samples (TelemetryTests') would record the
/// same process's activities for every listener.
/// </summary>
public class UncollectedTelemetryTests
{
    [Fact]
    public async Task without_a_collector_a_request_records_no_span()
    {
        // Its trace id still travels with what it causes: Audit.Tests checks a caller's traceparent arrives in the audit entry.
        var spans = new List<Activity>();
        await using var host = await ServiceHost.StartAsync<KeysApi>(web =>
            web.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(spans))));
        var (_, admin) = await host.CreateAccountAsync();
        await host.IssueAsync(admin, Scenarios.AKey());
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        lock (spans) spans.Select(s => $"{s.Source.Name} {s.DisplayName}").ShouldBeEmpty();
    }
}
