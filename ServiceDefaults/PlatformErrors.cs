using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

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

    /// <summary>A service's errors: <see cref="UsePlatformErrorShape"/>, ProblemDetails rewritten, and input refused before binding.</summary>
    public static WebApplication UsePlatformErrors(this WebApplication app)
    {
        app.UsePlatformErrorShape();
        app.Use(async (context, next) =>
        {
            var original = context.Response.Body;
            var body = new SeedShapeBody(context, original);
            context.Response.Body = body;
            try
            {
                await next(context);
                await body.CompleteAsync();
            }
            finally
            {
                context.Response.Body = original;
            }
        });
        app.UseMiddleware<InputGuard>();
        return app;
    }
}
