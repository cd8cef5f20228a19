using Platform.Samples.SampleApi;
using Platform.Sdk.ResourceServer;

var builder = WebApplication.CreateBuilder(args);
// Platform:ApiKey (a key with keys:manage) turns the revocation feeds on; see docs/sdk.md.
builder.Services.AddPlatformAuthentication(options => options.UseServiceDiscovery(builder.Configuration));
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapHealthChecks("/alive");
app.MapChatApi();
app.MapAnalyticsApi();

app.Run();
