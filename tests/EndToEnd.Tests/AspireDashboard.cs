using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The Aspire dashboard the AppHost started, read through its telemetry HTTP API (the API the Aspire
/// CLI's <c>otel</c> commands use): its address and API key are what the AppHost handed the dashboard's process.
/// </summary>
public sealed class AspireDashboard(HttpClient http)
{
    public const string ResourceName = "aspire-dashboard";

    public static async Task<AspireDashboard> OfAsync(DistributedApplication app, CancellationToken ct)
    {
        // The login URL carries the browser token; the telemetry API wants the API key the dashboard was started with.
        var login = await app.GetDashboardUrlAsync(ct);
        var running = await app.ResourceNotifications.WaitForResourceAsync(ResourceName, e => e.Snapshot.State?.Text == KnownResourceStates.Running, ct);
        var environment = running.Snapshot.EnvironmentVariables.ToDictionary(v => v.Name, v => v.Value);
        var http = new HttpClient { BaseAddress = new Uri(login.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("x-api-key", Setting(environment, "DASHBOARD__API__PRIMARYAPIKEY"));
        return new AspireDashboard(http);
    }

    private static string Setting(Dictionary<string, string?> environment, string name) =>
        environment.GetValueOrDefault(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"the dashboard was started without {name}; it has: {string.Join(", ", environment.Keys)}");

    /// <summary>Every span the dashboard holds for one trace: the service that sent it, its instrumentation scope and its name.</summary>
    public Task<IReadOnlyList<Span>> SpansOfAsync(string traceId, CancellationToken ct) => SpansAtAsync($"/api/telemetry/traces/{traceId}", ct);

    /// <summary>The root span of each of the dashboard's latest traces that began in the platform, not at a caller.</summary>
    public async Task<IReadOnlyList<Span>> TraceRootsAsync(int latest, CancellationToken ct) =>
        (await SpansAtAsync($"/api/telemetry/traces?limit={latest}", ct)).Where(s => s.ParentSpanId is null).ToList();

    private async Task<IReadOnlyList<Span>> SpansAtAsync(string path, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            using var response = await http.GetAsync(path, ct);
            if (!response.IsSuccessStatusCode) return [];
            body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }
        // A dashboard busy taking in telemetry may answer slowly: nothing read this time, ask again.
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return [];
        }
        var spans = new List<Span>();
        if (!body.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resources)) return spans;
        foreach (var resource in resources.EnumerateArray())
        {
            var service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString())
                .FirstOrDefault() ?? "?";
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                    spans.Add(new Span(
                        service,
                        scope.GetProperty("scope").GetProperty("name").GetString() ?? "?",
                        span.GetProperty("name").GetString() ?? "?",
                        span.TryGetProperty("kind", out var kind) ? (SpanKind)kind.GetInt32() : SpanKind.Unspecified,
                        span.GetProperty("spanId").GetString() ?? "",
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } p ? p : null));
        }
        return spans;
    }

    /// <summary>OTLP's span kinds, as the dashboard's JSON numbers them.</summary>
    public enum SpanKind { Unspecified, Internal, Server, Client, Producer, Consumer }

    public sealed record Span(string Service, string Scope, string Name, SpanKind Kind, string SpanId, string? ParentSpanId)
    {
        public override string ToString() => $"{Service} | {Scope} | {Name} | {Kind}";
    }
}
