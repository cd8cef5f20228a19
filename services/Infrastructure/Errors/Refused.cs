using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Platform.Sdk.ResourceServer;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// A refusal as a typed result (<c>Results&lt;Ok&lt;T&gt;, Refused&gt;</c>): the seed's error shape, the SDK's
/// <see cref="Refusal"/>, with a Retry-After it carries (another service's 429) kept. Which statuses an endpoint
/// refuses with is documented by <see cref="RefusesAttribute"/>, since one type cannot name them.
/// </summary>
public sealed class Refused(Refusal refusal) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<Refusal>
{
    public Refusal Value => refusal;

    object? IValueHttpResult.Value => refusal;

    public int? StatusCode => refusal.StatusCode;

    public Task ExecuteAsync(HttpContext context)
    {
        if (refusal.RetryAfter is not null) context.Response.Headers.RetryAfter = refusal.RetryAfter;
        return Results.Json(refusal, statusCode: refusal.StatusCode).ExecuteAsync(context);
    }
}

/// <summary>
/// An error answer the endpoint gives, for its OpenAPI document: the status with the seed's error body
/// (<see cref="Refusal"/>). 401 and 403 of authenticated endpoints, and 400 of those that read a body, are
/// added to every such endpoint by <see cref="DocumentedRefusals"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RefusesAttribute(int statusCode, string? description = null) : Attribute, IProducesResponseTypeMetadata
{
    public Type? Type => typeof(Refusal);

    public int StatusCode => statusCode;

    public string? Description => description;

    public IEnumerable<string> ContentTypes => ["application/json"];
}
