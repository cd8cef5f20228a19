using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine.Http;

namespace Platform.ServiceDefaults;

/// <summary>What makes a process one of the platform's services, so each Program.cs names only its features.</summary>
public static class PlatformService
{
    /// <summary>Service defaults, the Marten + Wolverine store in its own schema, and an OpenAPI document.</summary>
    public static IHostApplicationBuilder AddPlatformService(this IHostApplicationBuilder builder, string schema, string inboxQueue)
    {
        builder.AddServiceDefaults();
        builder.AddPlatformStore(schema, inboxQueue);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The shared HTTP surface: the seed's error shape, /health and /alive, /openapi/v1.json, Wolverine endpoints.</summary>
    public static WebApplication MapPlatformService(this WebApplication app)
    {
        app.UsePlatformErrors();
        app.MapDefaultEndpoints();
        app.MapOpenApi();
        app.MapWolverineEndpoints();
        return app;
    }
}
