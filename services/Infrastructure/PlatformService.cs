using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Infrastructure.Persistence;
using Wolverine.Http;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;

namespace Platform.Infrastructure;

/// <summary>What makes a process one of the platform's services, so each Program.cs names only its features.</summary>
public static class PlatformService
{
    /// <summary>Service defaults, the Marten + Wolverine store in its own schema, and an OpenAPI document.</summary>
    public static IHostApplicationBuilder AddPlatformService(this IHostApplicationBuilder builder, string schema, string inboxQueue)
    {
        builder.AddServiceDefaults();
        builder.AddPlatformStore(schema, inboxQueue);
        builder.Services.AddApiReference();
        builder.Services.AddStreamIdRoutes();
        builder.Services.AddPlatformErrors();
        return builder;
    }

    /// <summary>The shared HTTP surface: the seed's error shape, /health and /alive, /openapi/v1.json and /scalar/, Wolverine endpoints.</summary>
    public static WebApplication MapPlatformService(this WebApplication app)
    {
        // Behind the gateway: the client's address, scheme and host (so Tokens' issuer is the public origin).
        // Note: trusted only from known proxies, loopback by default; a cluster adds its proxies' networks.
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        });
        app.UsePlatformErrors();
        app.MapDefaultEndpoints();
        app.MapApiReference(app.Environment.ApplicationName);
        app.MapWolverineEndpoints(endpoints => endpoints.AddPolicy<DocumentedRefusals>());
        return app;
    }
}
