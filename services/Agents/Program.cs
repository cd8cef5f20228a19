using Platform.Contracts;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "agents", inboxQueue: Queues.Agents);

var app = builder.Build();
app.MapPlatformService();

return await app.RunServiceAsync(args);
