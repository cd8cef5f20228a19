using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>What the Aspire dashboard shows of one request: a single trace from the gateway to PostgreSQL and on to the audit log.</summary>
[Collection(nameof(ReplicatedPlatformCollection))]
public sealed class TelemetryTests(ReplicatedPlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task issuing_a_key_is_one_trace_across_the_gateway_the_keys_service_postgresql_the_outbox_and_the_audit_service()
    {
        var dashboard = await AspireDashboard.OfAsync(platform.App, Ct);
        // The caller starts the trace (W3C traceparent), so the test knows which one to ask the dashboard for.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Headers = { Authorization = new("Bearer", platform.AdminKey) },
            Content = JsonContent.Create(new { name = "traced", environment = "live", scopes = new[] { "models:read" } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await platform.Gateway.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);

        (string Service, string Scope, string Name)[] expected =
        [
            ("gateway", "Microsoft.AspNetCore", "POST"),
            ("gateway", "System.Net.Http", ""),
            ("keys-api", "Microsoft.AspNetCore", "POST /api/keys"),
            ("keys-api", "Marten", ""),
            ("keys-api", "Npgsql", "postgresql"),
            ("keys-api", "Wolverine", "send"),
            ("audit-api", "Wolverine", "KeyIssued"),
            ("audit-api", "Npgsql", "postgresql"),
        ];
        IEnumerable<string> Missing(IReadOnlyList<AspireDashboard.Span> spans) => expected
            .Where(e => !spans.Any(s => s.Service == e.Service && s.Scope == e.Scope && s.Name.Contains(e.Name, StringComparison.Ordinal)))
            .Select(e => $"{e.Service} | {e.Scope} | {e.Name}");

        // Services export in batches every few seconds, a span when it ends (a request after its commands);
        // the audit service handles the message after the answer.
        var trace = await Eventually.ValueAsync(() => dashboard.SpansOfAsync(traceId, Ct), spans => !Missing(spans).Any(),
            TimeSpan.FromMinutes(3), spans => $"missing {string.Join(", ", Missing(spans))} among\n{string.Join("\n", spans)}");
        Missing(trace).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_dashboards_traces_start_at_requests_and_messages_not_at_background_polling()
    {
        var dashboard = await AspireDashboard.OfAsync(platform.App, Ct);
        // The platform has been up for a while (fixture start plus the other tests): time enough for polling
        // loops, heartbeats and health probes, each of which used to start a trace every few hundred ms.
        var roots = await Eventually.ValueAsync(() => dashboard.TraceRootsAsync(1000, Ct), r => r.Count > 0, TimeSpan.FromMinutes(1));

        var background = roots
            .Where(s => s.Kind == AspireDashboard.SpanKind.Client || s.Name is "marten.connection" or "wolverine_node_assignments")
            .GroupBy(s => $"{s.Service} | {s.Scope} | {s.Name} | {s.Kind}")
            .Select(g => $"{g.Count()} × {g.Key}")
            .ToList();
        background.ShouldBeEmpty($"of {roots.Count} traces these began with no request or message:\n{string.Join("\n", background)}");
    }
}
