using Platform.Sdk.ResourceServer;

namespace Platform.Samples.McpServer;

public static class PlatformAddresses
{
    /// <summary>
    /// Started by the AppHost, the services' own addresses come as Aspire's <c>services:keys-api:http:0</c>;
    /// elsewhere <c>Platform:PlatformUrl</c> (the gateway) serves for all three.
    /// </summary>
    public static void UseServiceDiscovery(this PlatformAuthenticationOptions options, IConfiguration configuration)
    {
        options.KeysUrl ??= configuration["services:keys-api:http:0"];
        options.TokensUrl ??= configuration["services:tokens-api:http:0"];
        options.AgentsUrl ??= configuration["services:agents-api:http:0"];
    }
}
