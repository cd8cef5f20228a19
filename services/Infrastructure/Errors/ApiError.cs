using Microsoft.AspNetCore.Http;
using Platform.Sdk.ResourceServer;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// The answers of every management and protected endpoint that turn a request away, in the seed documents' shape:
/// <c>{"statusCode":401,"error":"Unauthorized","message":"Bearer token is missing or has expired"}</c>. The body is the
/// resource-server SDK's <see cref="Refusal"/>: one record for the error shape, whether a service says it or passes
/// on what another service said.
/// </summary>
public static class ApiError
{
    public static Refusal For(int statusCode, string message) => Refusal.For(statusCode, message);

    /// <summary>A refusal answered as this service's own; a Retry-After it carries (another service's 429) is kept.</summary>
    public static Refused Result(Refusal refusal) => new(refusal);

    public static Refused Result(int statusCode, string message) => Result(For(statusCode, message));

    public static Refused BadRequest(string message) => Result(StatusCodes.Status400BadRequest, message);

    public static Refused NotFound(string message) => Result(StatusCodes.Status404NotFound, message);
}
