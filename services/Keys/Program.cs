using Platform.Contracts;
using Platform.Keys.ApiKeys;
using Platform.ServiceDefaults;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformStore(schema: "keys", inboxQueue: Queues.Keys);
builder.AddApiKeys();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UsePlatformErrors();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWolverineEndpoints();

return await app.RunServiceAsync(args);
