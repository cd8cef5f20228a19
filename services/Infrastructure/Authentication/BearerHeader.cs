using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Platform.Infrastructure.Authentication;

/// <summary>RFC 6750 §2.1: <c>Bearer</c> (case-insensitive, RFC 7235), one or more spaces, the token.</summary>
public static class BearerHeader
{
    /// <summary>The token; null with no problem when there is no header; null with the reason when it is malformed.</summary>
    public static string? Read(HttpRequest request, out string? problem)
    {
        problem = null;
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (header.Length == 0) return null;
        var space = header.IndexOf(' ');
        if (space <= 0 || !header[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Authorization must use the Bearer scheme";
            return null;
        }
        var token = header[space..].Trim(' ');
        if (token.Length == 0 || token.Contains(' '))
        {
            problem = "Bearer token is missing or malformed";
            return null;
        }
        return token;
    }
}
