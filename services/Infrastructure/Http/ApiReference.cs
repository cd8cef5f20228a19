using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Platform.Infrastructure.Http;

/// <summary>
/// A service's OpenAPI document (<c>/openapi/v1.json</c>) and its API reference page (Scalar, <c>/scalar/</c>), both
/// reachable through the gateway under the service's name: <c>/keys-api/scalar/</c> reads <c>/keys-api/openapi/v1.json</c>.
/// </summary>
public static class ApiReference
{
    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Relative to the document: the origin it was read from. Through the gateway that is the public origin,
            // where every service's API paths are served, rather than the service's own address inside the cluster.
            document.Servers = [new OpenApiServer { Url = "/" }];
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app, string serviceName)
    {
        app.MapOpenApi();
        // The page and its script are served by the service itself (no CDN); "try it" calls go straight to the
        // platform from the browser (no third-party proxy sees a credential).
        app.MapScalarApiReference("/scalar", options => options.WithTitle($"{serviceName} API reference"));
        return app;
    }
}
