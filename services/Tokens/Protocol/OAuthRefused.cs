using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Platform.Infrastructure.Errors;

namespace Platform.Tokens.Protocol;

/// <summary>
/// An RFC 6749 §5.2 error as a typed result (<c>Results&lt;Ok&lt;T&gt;, OAuthRefused&gt;</c>): the body, never cached,
/// with <c>WWW-Authenticate: Basic</c> when a client that tried HTTP Basic is refused. The OpenAPI documents name
/// its usual status, 400; an endpoint that also refuses clients (401) or others names them itself.
/// </summary>
public sealed class OAuthRefused(OAuthError error) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<OAuthErrorBody>, IEndpointMetadataProvider
{
    public OAuthErrorBody Value { get; } = new(error.Error, error.ErrorDescription);

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => error.StatusCode;

    public Task ExecuteAsync(HttpContext http)
    {
        if (error.BasicChallenge) http.Response.Headers.WWWAuthenticate = "Basic realm=\"oauth\", charset=\"UTF-8\"";
        OAuthError.NoStore(http.Response);
        return Results.Json(Value, statusCode: error.StatusCode).ExecuteAsync(http);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(OAuthErrorBody), ["application/json"]));
}
