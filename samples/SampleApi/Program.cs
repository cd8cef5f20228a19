using Platform.Samples.SampleApi;
using Platform.Sdk.ResourceServer;

var builder = WebApplication.CreateBuilder(args);
// Note: ASP.NET Core's request log ("Request starting GET http://...?access_token=...") writes the full URL,
// query string included, at Information; a credential sent in the query would land in the log.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
// Platform:ApiKey (a key with feeds:read) turns the revocation feeds on; see docs/sdk.md. Under the local
// AppHost it comes in a file Keys writes on the first run (Platform:ApiKeyFile), never on a command line.
builder.Services.AddPlatformAuthentication(options =>
{
    options.UseServiceDiscovery(builder.Configuration);
    options.ResourceName ??= "SIMOSphere and SIMCEL sample API";
    if (options.ScopesSupported.Count == 0) options.ScopesSupported = ["chat:completions", "models:read", "usage:read", "insights:read", "plans:read"];
});
builder.Services.AddHealthChecks();

var app = builder.Build();
// The framework's bodiless errors (404, 405, 415) in the same shape as the API's own refusals.
app.UseRefusalStatusPages();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapHealthChecks("/alive");
// RFC 9728: with Platform:Resource set, clients (MCP clients) find the authorization server from a 401.
if (builder.Configuration["Platform:Resource"] is { Length: > 0 }) app.MapProtectedResourceMetadata();
app.MapChatApi();
app.MapAnalyticsApi();

app.Run();
