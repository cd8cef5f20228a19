using Platform.Infrastructure.Errors;
using Platform.Gateway;
using Platform.Gateway.Failover;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    RequestLimits.RaiseKestrel(kestrel.Limits);
    RequestLimits.DecodeHeadersAsLatin1(kestrel);
});
var failover = FailoverOptions.From(builder.Configuration);
builder.Services.AddReverseProxy()
    .LoadFromMemory(GatewayRoutes.Routes(), GatewayRoutes.Clusters(builder.Configuration, failover.HealthCheck()))
    .AddFailover();

var app = builder.Build();
// The gateway's own answers (unknown path, over-long URL, headers too large or not ASCII) in the path's error shape.
app.UsePlatformErrorShape();
app.Use(RequestLimits.InvokeAsync);
app.MapDefaultEndpoints();
app.MapReverseProxy(pipeline => pipeline.UseFailover());
app.Run();
