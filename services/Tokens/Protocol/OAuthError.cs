using Microsoft.Net.Http.Headers;
using Platform.Infrastructure.Errors;

namespace Platform.Tokens.Protocol;

/// <summary>An RFC 6749 §5.2 error response: <c>{"error":"invalid_grant","error_description":"…"}</c>.</summary>
public sealed record OAuthError(string Error, string ErrorDescription, int StatusCode = StatusCodes.Status400BadRequest, bool BasicChallenge = false)
{
    public static OAuthError Request(string description) => new(OAuthErrors.InvalidRequest, description);

    public static OAuthError Grant(string description) => new(OAuthErrors.InvalidGrant, description);

    public static OAuthError Scope(string description) => new(OAuthErrors.InvalidScope, description);

    /// <summary>§5.2: 401, with <c>WWW-Authenticate: Basic</c> when the client tried HTTP Basic.</summary>
    public static OAuthError Client(string description, bool basic) => new(OAuthErrors.InvalidClient, description, StatusCodes.Status401Unauthorized, basic);

    public OAuthRefused ToResult() => new(this);

    /// <summary>§5.1: token responses and errors must not be cached.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
