namespace Platform.TokenAttacks.Tests;

/// <summary>
/// Protocol names the suite needs beyond <c>OpenIdConnectParameterNames</c>: PKCE (RFC 7636), introspection
/// (RFC 7662), token exchange (RFC 8693) and the platform's own values. The suite names them itself, so that it
/// stands apart from the service code it attacks.
/// </summary>
public static class OAuth
{
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string CodeVerifier = "code_verifier";
    public const string S256 = "S256";
    public const string Plain = "plain";
    public const string Token = "token";
    public const string SubjectToken = "subject_token";
    public const string SubjectTokenType = "subject_token_type";
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string ApiKeyTokenType = "urn:platform:params:oauth:token-type:api-key";
    public const string AccessTokenType = "at+jwt";

    public const string InvalidRequest = "invalid_request";
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidTarget = "invalid_target";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";

    public const string AuthorizePath = "/oauth/authorize";
    public const string TokenPath = "/oauth/token";
    public const string IntrospectPath = "/oauth/introspect";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";
    public const string JwksPath = "/.well-known/jwks.json";
}

/// <summary>The platform's scopes the suite asks for.</summary>
public static class Scope
{
    public const string KeysManage = "keys:manage";
    public const string ModelsRead = "models:read";
    public const string ChatCompletions = "chat:completions";
    public const string InsightsRead = "insights:read";
    public const string PlansRead = "plans:read";
    public const string Admin = "admin";
    public const string AuditRead = "audit:read";
    public const string AccountsManage = "accounts:manage";
}
