using Microsoft.Extensions.Configuration;
using Platform.Secrets;

namespace Platform.Sdk.Client;

/// <summary>
/// Where the platform is and how to authenticate, read from configuration (<c>Platform:Url</c>,
/// <c>Platform:ApiKey</c>, <c>Platform:ClientId</c>, <c>Platform:ClientSecret</c>) or the environment
/// (<c>PLATFORM_URL</c>, <c>PLATFORM_API_KEY</c>, <c>PLATFORM_CLIENT_ID</c>, <c>PLATFORM_CLIENT_SECRET</c>).
/// Note: secrets come from there only, never from code, and no member prints them.
/// </summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    public Uri? Url { get; set; }
    public string? ApiKey { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Scopes to ask the token endpoint for; none means everything the key or client holds.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>How long before expiry a cached token is replaced (the SIMCEL client's 60 s).</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Client credentials when both are set, otherwise the API key exchange.</summary>
    public bool UsesClientCredentials => !string.IsNullOrEmpty(ClientId) || !string.IsNullOrEmpty(ClientSecret);

    public static PlatformOptions From(IConfiguration configuration, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var section = configuration.GetSection(Section);
        string? Read(string key, string variable) => Blank(section[key]) ?? Blank(environment(variable));

        var url = Read("Url", "PLATFORM_URL");
        var options = new PlatformOptions
        {
            ApiKey = Read("ApiKey", "PLATFORM_API_KEY"),
            ClientId = Read("ClientId", "PLATFORM_CLIENT_ID"),
            ClientSecret = Read("ClientSecret", "PLATFORM_CLIENT_SECRET"),
            Scopes = [.. (Read("Scopes", "PLATFORM_SCOPES") ?? "").Split(' ', ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };
        if (url is not null)
            options.Url = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : throw new PlatformConfigurationException("Platform:Url (PLATFORM_URL) must be an absolute http or https URL");
        if (Read("RefreshBeforeExpiry", "PLATFORM_REFRESH_BEFORE_EXPIRY") is { } lead)
            options.RefreshBeforeExpiry = TimeSpan.TryParse(lead, System.Globalization.CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
                ? span : throw new PlatformConfigurationException("Platform:RefreshBeforeExpiry must be a non-negative time span such as 00:01:00");
        return options;
    }

    /// <summary>Fails fast, before any call, with a message that names the setting and never its value.</summary>
    public PlatformOptions Validate(bool requireCredentials = true)
    {
        if (Url is null) throw new PlatformConfigurationException("Platform:Url (PLATFORM_URL) is not set");
        if (!Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https")) throw new PlatformConfigurationException("Platform:Url (PLATFORM_URL) must be an absolute http or https URL");
        if (RefreshBeforeExpiry < TimeSpan.Zero) throw new PlatformConfigurationException("Platform:RefreshBeforeExpiry must not be negative");
        if (ApiKey is not null && !SecretFormat.IsApiKey(ApiKey))
            throw new PlatformConfigurationException("Platform:ApiKey (PLATFORM_API_KEY) is not a well-formed API key: expected sk_live_ or sk_test_, 32 base62 characters and a 6-character checksum (mistyped or truncated?)");
        if (UsesClientCredentials)
        {
            if (string.IsNullOrEmpty(ClientId) || string.IsNullOrEmpty(ClientSecret))
                throw new PlatformConfigurationException("Platform:ClientId and Platform:ClientSecret (PLATFORM_CLIENT_ID, PLATFORM_CLIENT_SECRET) must be set together");
            if (!SecretFormat.IsWellFormed(ClientSecret, SecretFormat.ClientSecretPrefix))
                throw new PlatformConfigurationException("Platform:ClientSecret (PLATFORM_CLIENT_SECRET) is not a well-formed client secret: expected cs_, 32 base62 characters and a 6-character checksum");
        }
        if (requireCredentials && ApiKey is null && !UsesClientCredentials)
            throw new PlatformConfigurationException("no credentials: set Platform:ApiKey (PLATFORM_API_KEY), or Platform:ClientId and Platform:ClientSecret");
        return this;
    }

    public override string ToString() => $"PlatformOptions {{ Url = {Url}, ApiKey = {(ApiKey is null ? "unset" : "set")}, ClientId = {ClientId ?? "unset"} }}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
