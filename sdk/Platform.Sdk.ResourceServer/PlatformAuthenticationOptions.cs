namespace Platform.Sdk.ResourceServer;

/// <summary>Where the platform is and how this resource server talks to it (configuration section <c>Platform</c>).</summary>
public sealed class PlatformAuthenticationOptions
{
    public const string Section = "Platform";

    /// <summary>The platform's public origin (the gateway). Each service may be addressed on its own below.</summary>
    public string? PlatformUrl { get; set; }

    public string? KeysUrl { get; set; }
    public string? TokensUrl { get; set; }
    public string? AgentsUrl { get; set; }

    /// <summary>
    /// This resource server's own API key (feeds:read), used only to subscribe to the revocation
    /// feeds. Without it the feeds are off: API keys and agent tokens are verified on every request, and
    /// access tokens are refused with 503, since nothing would tell this server that one was revoked.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>A file holding <see cref="ApiKey"/> (a mounted secret), read at each feed connection when no key is given.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>
    /// Issuers accepted besides the one Tokens' discovery names to us. Tokens names its issuer after the
    /// origin a client used, so tokens issued through the gateway carry the gateway's (unless
    /// <c>Tokens:Issuer</c> is set): list it here when this server reaches Tokens directly.
    /// </summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>
    /// False only inside the platform: its own services fetch the JWKS from Tokens directly and answer at every
    /// origin a client may use, so a valid signature already says Tokens issued the token, whatever origin it names.
    /// </summary>
    public bool ValidateIssuer { get; set; } = true;

    /// <summary>The audience an access token must name; one bound to <see cref="Resource"/> (RFC 8707) is accepted too.</summary>
    public string Audience { get; set; } = "platform-api";

    /// <summary>
    /// This server's resource identifier (RFC 9728), e.g. <c>https://mcp.example.com/mcp</c>. Set, it is
    /// served as protected-resource metadata and named in every 401's <c>WWW-Authenticate</c>, so a client
    /// (an MCP client) finds the authorization server by itself.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>A human-readable name in the metadata.</summary>
    public string? ResourceName { get; set; }

    /// <summary>The scopes this server's endpoints ask for, listed in the metadata.</summary>
    public List<string> ScopesSupported { get; set; } = [];

    /// <summary>Tolerated clock difference with Tokens when checking an access token's <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an acceptance is reused while its feed is connected; a feed event ends it sooner.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the JWKS is fetched again even when no unknown <c>kid</c> asks for it.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A feed that sends nothing, not even its 15-second heartbeat, for this long is taken as dead.</summary>
    public TimeSpan FeedSilenceLimit { get; set; } = TimeSpan.FromSeconds(45);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <see cref="ApiKey"/>, or else the key in <see cref="ApiKeyFile"/> as it is now: read at each connection, so a
    /// file written after this server started, or rewritten (a new key after a fresh start), is what is used.
    /// </summary>
    public string? CurrentApiKey()
    {
        if (ApiKey is { Length: > 0 } key) return key;
        if (ApiKeyFile is not { Length: > 0 } file || !File.Exists(file)) return null;
        try
        {
            return File.ReadAllText(file).Trim() is { Length: > 0 } read ? read : null;
        }
        catch (IOException)
        {
            return null; // being replaced: the next attempt reads the new one
        }
    }

    internal Uri? BaseFor(string? serviceUrl) => (serviceUrl ?? PlatformUrl) is { Length: > 0 } url ? new Uri(url) : null;
}
