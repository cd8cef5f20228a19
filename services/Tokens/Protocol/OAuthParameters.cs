namespace Platform.Tokens.Protocol;

/// <summary>Protocol names from RFC 6749, 7636, 7662, 7009, 8693 and 9207, by name rather than as scattered literals.</summary>
public static class OAuthParameters
{
    public const string GrantType = "grant_type";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string Scope = "scope";
    public const string Code = "code";
    public const string RedirectUri = "redirect_uri";
    public const string ResponseType = "response_type";
    public const string State = "state";
    public const string Issuer = "iss";
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string CodeVerifier = "code_verifier";
    public const string RefreshToken = "refresh_token";
    public const string Token = "token";
    public const string TokenTypeHint = "token_type_hint";
    public const string SubjectToken = "subject_token";
    public const string SubjectTokenType = "subject_token_type";
    public const string RequestedTokenType = "requested_token_type";
    public const string Resource = "resource";
    public const string Audience = "audience";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
}

public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string ClientCredentials = "client_credentials";
    public const string RefreshToken = "refresh_token";
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    public static readonly IReadOnlyList<string> All = [AuthorizationCode, ClientCredentials, RefreshToken, TokenExchange];
}

public static class TokenTypes
{
    public const string AccessToken = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary>Our RFC 8693 subject token type for an API key (the RFC lets servers define their own URIs).</summary>
    public const string ApiKey = "urn:platform:params:oauth:token-type:api-key";
}

public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string UnsupportedTokenType = "unsupported_token_type";
    public const string InvalidTarget = "invalid_target";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
}
