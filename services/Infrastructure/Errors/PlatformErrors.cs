using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Infrastructure.Errors;

public static class PlatformErrors
{
    /// <summary>
    /// Every error answer in the path's documented shape (<see cref="ErrorShapes"/>; the seed's on the API routes): exceptions that mean bad input become a 4xx, anything
    /// unexpected a bare 500, and a framework's empty error (404, 405, 415...) gets a body. No stack trace and
    /// no exception text (which could carry a credential) ever reaches a client. Used alone by the gateway.
    /// </summary>
    public static WebApplication UsePlatformErrorShape(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var (status, message) = BadInputExceptions.Answer(context.Features.Get<IExceptionHandlerFeature>()?.Error);
            await ErrorShapes.WriteAsync(context, status, message);
        }));
        // Runs only when the answer has no body yet (no Content-Type, no Content-Length, nothing written).
        app.UseStatusCodePages(pages =>
            ErrorShapes.WriteAsync(pages.HttpContext, pages.HttpContext.Response.StatusCode, StatusMessages.For(pages.HttpContext)));
        return app;
    }

    /// <summary>Problem details answered by the frameworks are written in the path's shape (<see cref="ShapedProblemWriter"/>).</summary>
    public static IServiceCollection AddPlatformErrors(this IServiceCollection services)
    {
        // Before AddProblemDetails' default writer: the service asks its writers in order and the first that can, writes.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ShapedProblemWriter>());
        services.AddProblemDetails();
        return services;
    }

    /// <summary>A service's errors: <see cref="UsePlatformErrorShape"/>, and input refused before binding.</summary>
    public static WebApplication UsePlatformErrors(this WebApplication app)
    {
        app.UsePlatformErrorShape();
        app.UseMiddleware<InputGuard>();
        return app;
    }
}
