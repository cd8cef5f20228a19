using OpenTelemetry;
using OpenTelemetry.Metrics;
using Platform.Samples.McpServer;
using Platform.Samples.McpServer.Authorization;
using Platform.Samples.McpServer.Tools;
using Platform.Sdk.ResourceServer;

var builder = WebApplication.CreateBuilder(args);
// Note: ASP.NET Core's request log ("Request starting GET http://...?access_token=...") writes the full URL,
// query string included, at Information; a credential sent in the query would land in the log.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
// As the sample API: Platform:ApiKey (feeds:read) turns the revocation feeds on, from a file under the AppHost.
builder.Services.AddPlatformAuthentication(options =>
{
    options.UseServiceDiscovery(builder.Configuration);
    options.ResourceName ??= "SIMOSphere and SIMCEL sample MCP server";
    if (options.ScopesSupported.Count == 0) options.ScopesSupported = [.. ToolScopes.Supported];
    // Note: MCP requires tokens issued for this server (RFC 8707): an access token is accepted only when
    // its audience is this server's resource identifier, so one meant for another API is refused.
    if (options.Resource is { Length: > 0 } resource) options.Audience = resource;
});
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<ToolCallMetrics>();
var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ToolCallMetrics.MeterName));
// As the services: export only when a collector is configured (the AppHost passes OTEL_EXPORTER_OTLP_ENDPOINT on).
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
builder.Services.AddHealthChecks();
builder.Services.AddMcpServer()
    // Stateless: every request carries everything (no Mcp-Session-Id), so replicas behind the gateway
    // need no sticky sessions, and each tool call is checked with the credential it came with.
    .WithHttpTransport(transport => transport.Stateless = true)
    .WithTools<SeedTools>()
    .WithToolAuthorization();

var app = builder.Build();
// The transport answers a wrong method (405) or a body that is not JSON (415) bare; the gateway's route table
// documents the seed's error shape for /mcp, as for the sample API (a JSON-RPC error needs a request id to answer).
app.UseRefusalStatusPages("on /mcp; use POST (the server is stateless)");
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapHealthChecks("/alive");
// RFC 9728: Platform:Resource is {public origin}/mcp, so the metadata is at /.well-known/oauth-protected-resource/mcp.
if (builder.Configuration["Platform:Resource"] is { Length: > 0 }) app.MapProtectedResourceMetadata();
app.MapMcp("/mcp").RequireAuthorization();

app.Run();
