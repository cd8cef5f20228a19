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

    public static IResult Result(int statusCode, string message) =>
        Results.Json(For(statusCode, message), statusCode: statusCode);

    public static IResult BadRequest(string message) => Result(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Result(StatusCodes.Status404NotFound, message);
}
