using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Infrastructure.Errors;

/// <summary>What a client can do about an error status a framework answered without a body.</summary>
internal static class StatusMessages
{
    public static string For(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed: check the route, query and body against the API's OpenAPI document",
        StatusCodes.Status401Unauthorized => "Authentication is required: send Authorization: Bearer <credential>",
        StatusCodes.Status403Forbidden => "The credential is not allowed to use this route",
        StatusCodes.Status404NotFound => "There is no route at this path",
        StatusCodes.Status405MethodNotAllowed => context.Response.Headers.Allow is { Count: > 0 } allow
            ? $"Method {context.Request.Method} is not allowed on this route; use {string.Join(", ", allow.ToArray())}"
            : $"Method {context.Request.Method} is not allowed on this route",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large",
        StatusCodes.Status414UriTooLong => "The URL is too long",
        StatusCodes.Status415UnsupportedMediaType => "Content-Type must be application/json",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large",
        StatusCodes.Status500InternalServerError => "An unexpected error occurred",
        var status => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "The request could not be processed",
    };
}
