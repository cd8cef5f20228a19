using Platform.Contracts;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "tokens", inboxQueue: Queues.Tokens);

var app = builder.Build();
app.MapPlatformService();

return await app.RunServiceAsync(args);
