using Platform.Audit.Log;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformStore(schema: "audit", inboxQueue: Queues.Audit);
builder.AddAuditLog();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UsePlatformErrors();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWolverineEndpoints();

return await app.RunServiceAsync(args);
