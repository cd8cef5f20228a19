using Platform.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddReverseProxy()
    .LoadFromMemory(GatewayRoutes.Routes(), GatewayRoutes.Clusters(builder.Configuration));

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();
