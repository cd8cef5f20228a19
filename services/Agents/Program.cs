using Platform.Agents.Credentials;
using Platform.Agents.Verification;
using Platform.Contracts;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "agents", inboxQueue: Queues.Agents);
builder.AddAgentCredentials();
builder.AddCredentialVerification();

var app = builder.Build();
app.MapPlatformService();

return await app.RunServiceAsync(args);
