using System.Security.Claims;

namespace Platform.Sdk.ResourceServer.Credentials;

/// <summary>The claims every accepted credential carries, whatever its kind.</summary>
public static class PlatformClaims
{
    public const string Scheme = "Platform";
    public const string Subject = "sub";
    public const string Scope = "scope";
    public const string AccountId = "account_id";
    public const string KeyId = "key_id";
    public const string AgentId = "agent_id";
    public const string ClientId = "client_id";
    /// <summary>One per pattern of an agent credential's tool allow-list; none when it has no list.</summary>
    public const string Tool = "tool";
    /// <summary><c>api_key</c>, <c>agent_token</c> or <c>access_token</c>.</summary>
    public const string Credential = "credential";

    public const string AdminScope = "admin";

    /// <summary>Admin holds every scope, as on the platform itself.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.HasClaim(Scope, scope) || user.HasClaim(Scope, AdminScope);

    internal static ClaimsPrincipal Principal(string credential, string subject, IEnumerable<string> scopes, params (string Type, string? Value)[] more)
    {
        var claims = new List<Claim> { new(Credential, credential), new(Subject, subject) };
        claims.AddRange(scopes.Select(s => new Claim(Scope, s)));
        claims.AddRange(more.Where(c => c.Value is not null).Select(c => new Claim(c.Type, c.Value!)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, Subject, null));
    }
}
