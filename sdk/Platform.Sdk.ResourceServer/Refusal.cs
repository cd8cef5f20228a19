using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Sdk.ResourceServer;

/// <summary>
/// Why a request was turned away, in the seed documents' error shape:
/// <c>{"statusCode":401,"error":"Unauthorized","message":"Bearer token is missing or has expired"}</c>.
/// </summary>
public sealed record Refusal(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Whole seconds to wait, passed through from a 429 of the platform.</summary>
    [JsonIgnore]
    public string? RetryAfter { get; init; }

    public static Refusal For(int statusCode, string message) => new(statusCode, ReasonPhrases.GetReasonPhrase(statusCode), message);

    public static Refusal Unauthorized(string message) => For(StatusCodes.Status401Unauthorized, message);

    public static Refusal Unavailable(string message) => For(StatusCodes.Status503ServiceUnavailable, message);

    /// <param name="challenge">The 401's <c>WWW-Authenticate</c>; plain <c>Bearer</c> unless the server publishes resource metadata.</param>
    public Task WriteAsync(HttpResponse response, string challenge = "Bearer")
    {
        response.StatusCode = StatusCode;
        // RFC 6750 §3: a 401 names the scheme the client should use.
        if (StatusCode == StatusCodes.Status401Unauthorized) response.Headers.WWWAuthenticate = challenge;
        if (RetryAfter is not null) response.Headers.RetryAfter = RetryAfter;
        response.Headers.CacheControl = "no-store";
        return response.WriteAsJsonAsync(this);
    }
}
