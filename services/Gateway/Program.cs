using Platform.Gateway;
using Platform.Gateway.Failover;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var failover = FailoverOptions.From(builder.Configuration);
builder.Services.AddReverseProxy()
    .LoadFromMemory(GatewayRoutes.Routes(), GatewayRoutes.Clusters(builder.Configuration, failover.HealthCheck()))
    .AddFailover();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReverseProxy(pipeline => pipeline.UseFailover());
app.Run();
