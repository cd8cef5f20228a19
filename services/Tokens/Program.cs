using Platform.Contracts;
using Platform.Infrastructure;
using Platform.Tokens;
using Platform.Tokens.Clients;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(schema: "tokens", inboxQueue: Queues.Tokens);
builder.AddAuthorizationServer();

var app = builder.Build();
app.MapPlatformService();
app.UseRateLimiter(); // dynamic registration's limit per address (Registration/RegistrationRateLimit.cs)
app.MapClientCommandIds();

return await app.RunServiceAsync(args);
