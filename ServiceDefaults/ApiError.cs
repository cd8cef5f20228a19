using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.ServiceDefaults;

/// <summary>
/// The error body of every management and protected endpoint, in the seed documents' shape:
/// <c>{"statusCode":401,"error":"Unauthorized","message":"Bearer token is missing or has expired"}</c>.
/// </summary>
public sealed record ApiError(int StatusCode, string Error, string Message)
{
    public static ApiError For(int statusCode, string message) =>
        new(statusCode, ReasonPhrases.GetReasonPhrase(statusCode), message);

    /// <summary>A refusal of another service, as the resource-server SDK read it, in this service's body.</summary>
    public static ApiError From(Sdk.ResourceServer.Refusal refusal) => new(refusal.StatusCode, refusal.Error, refusal.Message);

    /// <summary>A refusal of another service answered as this service's own, its Retry-After kept.</summary>
    public static IResult Result(Sdk.ResourceServer.Refusal refusal) => new PassedOn(refusal);

    public static IResult Result(int statusCode, string message) =>
        Results.Json(For(statusCode, message), statusCode: statusCode);

    public static IResult BadRequest(string message) => Result(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Result(StatusCodes.Status404NotFound, message);

    private sealed class PassedOn(Sdk.ResourceServer.Refusal refusal) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            if (refusal.RetryAfter is not null) context.Response.Headers.RetryAfter = refusal.RetryAfter;
            return Results.Json(From(refusal), statusCode: refusal.StatusCode).ExecuteAsync(context);
        }
    }
}
