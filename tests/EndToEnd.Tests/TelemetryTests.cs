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

        bool Has(IReadOnlyList<AspireDashboard.Span> spans, string service, string scope, string? name = null) =>
            spans.Any(s => s.Service == service && s.Scope == scope && (name is null || s.Name.Contains(name, StringComparison.Ordinal)));
        // Services export in batches every few seconds; the audit service handles the message after the answer.
        var trace = await Eventually.ValueAsync(() => dashboard.SpansOfAsync(traceId, Ct),
            spans => Has(spans, "gateway", "Microsoft.AspNetCore") && Has(spans, "keys-api", "Npgsql") && Has(spans, "audit-api", "Npgsql"),
            TimeSpan.FromMinutes(3));

        var shown = string.Join("\n", trace);
        Has(trace, "gateway", "Microsoft.AspNetCore", "POST").ShouldBeTrue(shown);
        Has(trace, "gateway", "System.Net.Http").ShouldBeTrue(shown);
        Has(trace, "keys-api", "Microsoft.AspNetCore", "POST /api/keys").ShouldBeTrue(shown);
        Has(trace, "keys-api", "Marten").ShouldBeTrue(shown);
        Has(trace, "keys-api", "Npgsql", "postgresql").ShouldBeTrue(shown);
        Has(trace, "keys-api", "Wolverine", "send").ShouldBeTrue(shown);
        Has(trace, "audit-api", "Wolverine", "KeyIssued").ShouldBeTrue(shown);
        Has(trace, "audit-api", "Npgsql", "postgresql").ShouldBeTrue(shown);
    }
}
