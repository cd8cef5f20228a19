using Microsoft.Extensions.Configuration;

namespace Platform.Sdk.ResourceServer;

public static class PlatformAddresses
{
    /// <summary>
    /// Started by an Aspire-shaped AppHost, the services' own addresses come as <c>services:keys-api:http:0</c>
    /// and so on; otherwise <see cref="PlatformAuthenticationOptions.PlatformUrl"/> (the gateway) serves for all three.
    /// </summary>
    public static PlatformAuthenticationOptions UseServiceDiscovery(this PlatformAuthenticationOptions options, IConfiguration configuration)
    {
        options.KeysUrl ??= configuration["services:keys-api:http:0"];
        options.TokensUrl ??= configuration["services:tokens-api:http:0"];
        options.AgentsUrl ??= configuration["services:agents-api:http:0"];
        return options;
    }
}
