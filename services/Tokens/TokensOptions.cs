namespace Platform.Tokens;

/// <summary>The authorization server's settings (section <c>Tokens</c>).</summary>
public sealed class TokensOptions
{
    /// <summary>The public base URL clients use (through the gateway). Unset: the request's own origin.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of access tokens when the request names no resource.</summary>
    public string Audience { get; set; } = "platform-api";

    /// <summary>
    /// Resource servers a token may be bound to with RFC 8707's <c>resource</c> parameter (absolute URIs,
    /// e.g. an MCP server's): such a token's <c>aud</c> is that URI alone, so another server refuses it.
    /// </summary>
    public List<string> Resources { get; set; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>RFC 9700 §4.2.1 asks for short-lived codes; capped at one minute.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Tolerance for clocks of resource servers when checking exp/nbf.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public SigningOptions Signing { get; set; } = new();

    public RefreshOptions Refresh { get; set; } = new();

    public LoginOptions Login { get; set; } = new();

    public RegistrationOptions Registration { get; set; } = new();

    public DashboardOptions Dashboard { get; set; } = new();
}

/// <summary>The platform's web dashboard: a first-party public client seeded at startup when it has a redirect URI.</summary>
public sealed class DashboardOptions
{
    /// <summary>Client ids are UUIDs here; this fixed one is what the dashboard sends as <c>client_id</c>.</summary>
    public static readonly Guid DefaultClientId = new("d45b0a2d-0000-4000-8000-00000000da5b");

    public Guid ClientId { get; set; } = DefaultClientId;

    public string Name { get; set; } = "Platform dashboard";

    /// <summary>Exact callback URIs, e.g. <c>{gateway}/dashboard/signin-oauth</c>. None: no dashboard client is seeded.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>
    /// What a signed-in user may hand the dashboard: enough to call every management API, and the operator's pages
    /// (<c>accounts:manage</c>, which <c>admin</c> does not cover; a token carries it only for a user holding it).
    /// </summary>
    public List<string> Scopes { get; set; } = ["keys:manage", "usage:read", "admin", "accounts:manage"];

    /// <summary>Its access tokens' lifetime: what a token copied out of a signed-out session is still worth elsewhere.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>RFC 7591 dynamic registration of public clients (MCP clients register themselves).</summary>
public sealed class RegistrationOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Registrations per client address per minute, on each replica.</summary>
    public int PerMinute { get; set; } = 10;

    /// <summary>A registered client that has not redeemed a code within this is disabled.</summary>
    public TimeSpan UnusedLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Scopes a self-registered client may ask for: never the management ones by default.</summary>
    public List<string> AllowedScopes { get; set; } = ["chat:completions", "models:read", "usage:read", "insights:read", "plans:read"];

    public int MaxRedirectUris { get; set; } = 10;
}

public sealed class SigningOptions
{
    /// <summary>How long a signing key signs before its successor takes over.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the next key sits in the JWKS before it signs: longer than any resource server caches the JWKS.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each replica checks whether a key must be created or retired.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class RefreshOptions
{
    /// <summary>A family (one sign-in) ends this long after it began, however often it is refreshed.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A refresh token unused for this long is dead.</summary>
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The previous refresh token still works this long after rotation, for a client that lost the response.</summary>
    public TimeSpan ReuseGrace { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class LoginOptions
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
