using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

public static class PlatformErrors
{
    /// <summary>
    /// Malformed input becomes a 4xx and anything unexpected a bare 500, both in the seed's error shape:
    /// no stack trace, no exception text (which could carry a credential) ever reaches a client.
    /// </summary>
    public static WebApplication UsePlatformErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var (status, message) = context.Features.Get<IExceptionHandlerFeature>()?.Error switch
            {
                BadHttpRequestException bad => (bad.StatusCode, "The request is malformed"),
                JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON"),
                // Optimistic concurrency: an expected version that no longer holds, or a concurrent write won.
                JasperFx.ConcurrencyException => (StatusCodes.Status409Conflict, "The resource was changed by another request; read it again and retry"),
                _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred"),
            };
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(ApiError.For(status, message));
        }));
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
        return app;
    }
}
