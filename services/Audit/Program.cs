using Platform.Audit.Access;
using Platform.Audit.Log;
using Platform.Audit.Usage;
using Platform.Audit.Webhooks;
using Platform.Contracts;
using Platform.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "audit", inboxQueue: Queues.Audit);
builder.AddAuditAccess();
builder.AddAuditLog();
builder.AddUsageWatch();
builder.AddWebhooks();

var app = builder.Build();
app.MapPlatformService();

return await app.RunServiceAsync(args);
