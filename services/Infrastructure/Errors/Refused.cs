using Microsoft.AspNetCore.Http;
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
