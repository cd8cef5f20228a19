using Platform.Contracts;
using Platform.Keys.Access;
using Platform.Keys.Accounts;
using Platform.Keys.ApiKeys;
using Platform.Keys.Usage;
using Platform.Keys.Verification;
using Platform.Infrastructure;
using Platform.Infrastructure.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "keys", inboxQueue: Queues.Keys);
builder.AddApiKeys();
builder.AddKeyVerification();
builder.AddKeyManagementAccess();
builder.AddAccounts();
builder.AddKeyUsage();

var app = builder.Build();
app.MapPlatformService();
app.MapKeyCommandIds();
app.MapAccountCommandIds();

return await app.RunServiceAsync(args);
