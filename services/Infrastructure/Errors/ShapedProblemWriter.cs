using Microsoft.AspNetCore.Http;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// Writes the ProblemDetails the frameworks answer with (Wolverine: unreadable JSON, a missing aggregate) in the
/// path's documented shape instead (<see cref="ErrorShapes"/>; the seed's on the API routes). ASP.NET Core's
/// problem results go through <see cref="IProblemDetailsService"/>, whose first writer that can write wins.
/// </summary>
internal sealed class ShapedProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        // The title, never the detail: a framework's detail can quote the input (a JSON reader's message), and
        // the title is the status's phrase unless set, which is what the seed's message says.
        var message = context.ProblemDetails.Title is { Length: > 0 } title ? title : "The request could not be processed";
        return new ValueTask(ErrorShapes.WriteAsync(http, context.ProblemDetails.Status ?? http.Response.StatusCode, message));
    }
}
