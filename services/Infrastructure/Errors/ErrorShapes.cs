using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// The documented error shape of a public path (docs/architecture.md, "Wire formats"), for errors a framework
/// or the gateway answers before any endpoint: the RFC 6749 §5.2 object on the OAuth protocol endpoints, an
/// HTML page for a person on the sign-in pages and the console, the seed shape everywhere else.
/// </summary>
public static class ErrorShapes
{
    public enum Shape { Seed, OAuth, Html }

    // Prefixes, not segments: a mangled path (/oauth/revoke%zz, /oauth//revoke) still belongs to the endpoint it names.
    private const string TokenPath = "/oauth/token";
    private static readonly string[] OAuthPaths = [TokenPath, "/oauth/introspect", "/oauth/revoke", "/oauth/register"];
    private static readonly string[] HtmlPaths = ["/oauth/authorize", "/oauth/login", "/oauth/consent", "/oauth/logout", "/dashboard"];

    public static Shape For(PathString path) => For(Collapse((path.Value ?? "").ToLowerInvariant()));

    private static Shape For(string path) =>
        OAuthPaths.Any(p => path.StartsWith(p, StringComparison.Ordinal)) ? Shape.OAuth
        : HtmlPaths.Any(p => path.StartsWith(p, StringComparison.Ordinal)) ? Shape.Html
        : Shape.Seed;

    /// <summary>Writes the error in the path's shape; <paramref name="message"/> is what the client can do about it.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        var path = Collapse((context.Request.PathBase.Add(context.Request.Path).Value ?? "").ToLowerInvariant());
        switch (For(path))
        {
            case Shape.OAuth when status == StatusCodes.Status409Conflict && path.StartsWith(TokenPath, StringComparison.Ordinal):
                // A conflict at the token endpoint is a code or refresh token redeemed by a concurrent request, whose
                // commit won; RFC 6749 §5.2 calls that an invalid grant.
                response.StatusCode = StatusCodes.Status400BadRequest;
                response.Headers.CacheControl = "no-store";
                return response.WriteAsJsonAsync(new OAuthErrorBody("invalid_grant", "the code or refresh token was used by a concurrent request"));
            case Shape.OAuth:
                response.Headers.CacheControl = "no-store";
                return response.WriteAsJsonAsync(new OAuthErrorBody(status >= 500 ? "server_error" : "invalid_request", message));
            case Shape.Html:
                response.ContentType = "text/html; charset=utf-8";
                return response.WriteAsync(Page(status, message));
            default:
                return response.WriteAsJsonAsync(ApiError.For(status, message));
        }
    }

    /// <summary>A page with no script and nothing of the request but the encoded message.</summary>
    public static string Page(int status, string message)
    {
        var title = WebUtility.HtmlEncode(ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error");
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title></head>
            <body><main><h1>{title}</h1><p>{WebUtility.HtmlEncode(message)}</p></main></body></html>
            """;
    }

    private static string Collapse(string path)
    {
        while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
        return path;
    }

}

/// <summary>The RFC 6749 §5.2 error body, as the OAuth endpoints write it and their OpenAPI documents describe it.</summary>
public sealed record OAuthErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
