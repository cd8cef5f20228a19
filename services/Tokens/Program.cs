using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "tokens", inboxQueue: Queues.Tokens);
builder.AddAuthorizationServer();

var app = builder.Build();
app.MapPlatformService();

return await app.RunServiceAsync(args);
