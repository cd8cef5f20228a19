using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.Sdk.ResourceServer;

public static class RefusalStatusPages
{
    /// <summary>
    /// The framework's bodiless errors (404, 405, 415) in the same shape as the resource server's own
    /// refusals; <paramref name="methodHint"/> ends the 405's message (which method to use instead).
    /// </summary>
    public static IApplicationBuilder UseRefusalStatusPages(this IApplicationBuilder app, string methodHint = "on this route") =>
        app.UseStatusCodePages(pages =>
        {
            var context = pages.HttpContext;
            var status = context.Response.StatusCode;
            return context.Response.WriteAsJsonAsync(Refusal.For(status, status switch
            {
                StatusCodes.Status404NotFound => "There is no route at this path",
                StatusCodes.Status405MethodNotAllowed => $"Method {context.Request.Method} is not allowed {methodHint}",
                StatusCodes.Status415UnsupportedMediaType => "Content-Type must be application/json",
                _ => "The request could not be processed",
            }));
        });
}
