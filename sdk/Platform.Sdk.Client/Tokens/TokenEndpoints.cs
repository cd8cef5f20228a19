namespace Platform.Sdk.Client.Tokens;

/// <summary>The token routes and the RFC 6749 names the provider uses.</summary>
internal static class TokenEndpoints
{
    /// <summary>Relative, so a gateway under a path prefix keeps it.</summary>
    public const string OAuthToken = "oauth/token";
    public const string ApiKeyExchange = "api/auth/v1/token";

    public const string GrantType = "grant_type";
    public const string ClientCredentials = "client_credentials";
    public const string Scope = "scope";
}
