using Platform.Agents.Access;
using Platform.Agents.Accounts;
using Platform.Agents.Credentials;
using Platform.Agents.Usage;
using Platform.Agents.Verification;
using Platform.Contracts;
using Platform.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "agents", inboxQueue: Queues.Agents);
builder.AddAgentCredentials();
builder.AddCredentialVerification();
builder.AddVerifyUsage();
builder.AddAccountStandings();

var app = builder.Build();
app.UseBearerChallenge();
app.MapPlatformService();
app.MapCredentialCommandIds();

return await app.RunServiceAsync(args);
