namespace Platform.Dashboard;

/// <summary>The console's settings (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Where the gateway serves the console; the app answers under this path on its own port too.</summary>
    public const string PathBase = "/dashboard";

    /// <summary>The platform's public origin: where browsers are sent to sign in (the authorization server's issuer).</summary>
    public string PlatformUrl { get; set; } = "";

    /// <summary>Where the console itself calls the token endpoint and the management APIs; defaults to <see cref="PlatformUrl"/>.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>The first-party public client Tokens seeds for the console (PKCE, no secret): <c>Tokens:Dashboard:ClientId</c>.</summary>
    public string ClientId { get; set; } = "d45b0a2d-0000-4000-8000-00000000da5b";

    /// <summary>
    /// What the console asks for: managing keys (and through them clients, agents, audit), reading usage, admin for
    /// agent credentials of any scope, reading the audit log (auditors), and managing accounts (operators, whose
    /// Accounts page shows only with it). Tokens grants only those the person holds.
    /// </summary>
    public List<string> Scopes { get; set; } = ["keys:manage", "usage:read", "admin", "audit:read", "accounts:manage"];

    /// <summary>A signed-in session lasts this long without activity.</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(8);

    public Uri Api => new(string.IsNullOrWhiteSpace(ApiUrl) ? PlatformUrl : ApiUrl!, UriKind.Absolute);
}
