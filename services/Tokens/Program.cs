using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.Tokens;
using Platform.Tokens.Clients;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "tokens", inboxQueue: Queues.Tokens);
builder.AddAuthorizationServer();

var app = builder.Build();
app.MapPlatformService();
app.MapClientCommandIds();

return await app.RunServiceAsync(args);
