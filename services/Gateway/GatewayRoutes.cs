using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace Platform.Gateway;

/// <summary>
/// The public route table (docs/architecture: "Public routes"): which service answers which paths.
/// Destinations come from service discovery configuration, one per replica.
/// </summary>
public static class GatewayRoutes
{
    public static readonly IReadOnlyDictionary<string, string[]> PublicPaths = new Dictionary<string, string[]>
    {
        ["keys-api"] = ["/api/keys/{**rest}", "/api/accounts/{**rest}", "/api/account"],
        ["tokens-api"] = ["/.well-known/{**rest}", "/oauth/{**rest}", "/api/oauth/{**rest}", "/api/auth/{**rest}", "/api/clients/{**rest}", "/api/users/{**rest}"],
        ["agents-api"] = ["/api/agents/{**rest}"],
        ["audit-api"] = ["/api/audit/{**rest}", "/api/webhooks/{**rest}"],
        // The sample resource server (samples/SampleApi): the seed documents' protected routes.
        // The metadata path is more specific than Tokens' /.well-known/{**rest}, so routing prefers it.
        ["sample-api"] = ["/v1/{**rest}", "/api/insights/{**rest}", "/api/plans/{**rest}", "/.well-known/oauth-protected-resource/{**rest}"],
        // The web console (services/Dashboard); its Blazor circuit is a WebSocket under the same path.
        ["dashboard"] = ["/dashboard", "/dashboard/{**rest}"],
        // The sample MCP server (samples/McpServer), resource {origin}/mcp. Its metadata path is a literal,
        // which routing prefers to the sample API's catch-all above.
        ["mcp-server"] = ["/mcp", "/mcp/{**rest}", "/.well-known/oauth-protected-resource/mcp"],
    };

    /// <summary>Per-service diagnostics under the service's name: /keys-api/health, /keys-api/openapi/v1.json, /keys-api/scalar/.</summary>
    private static readonly string[] DiagnosticPaths = ["health", "alive", "openapi/{**rest}", "scalar/{**rest}"];

    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        .. PublicPaths.SelectMany(service => service.Value.Select((path, i) => new RouteConfig
        {
            RouteId = $"{service.Key}-{i}",
            ClusterId = service.Key,
            Match = new RouteMatch { Path = path },
        })),
        .. PublicPaths.Keys.SelectMany(service => DiagnosticPaths.Select(path => new RouteConfig
        {
            RouteId = $"{service}-diagnostics-{path}",
            ClusterId = service,
            Match = new RouteMatch { Path = $"/{service}/{path}" },
            Transforms = [new Dictionary<string, string> { ["PathRemovePrefix"] = $"/{service}" }],
        })),
    ];

    /// <summary>Reads Aspire's convention: services:keys-api:http:0, :1, … one per replica.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(IConfiguration configuration, HealthCheckConfig healthCheck) =>
    [
        .. PublicPaths.Keys.Select(service => new ClusterConfig
        {
            ClusterId = service,
            // The less busy of two replicas picked at random: a slow replica gets less traffic.
            LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
            HealthCheck = healthCheck,
            Destinations = configuration.GetSection($"services:{service}:http").GetChildren()
                .Where(endpoint => !string.IsNullOrWhiteSpace(endpoint.Value))
                .ToDictionary(endpoint => $"{service}-{endpoint.Key}", endpoint => new DestinationConfig { Address = endpoint.Value! }),
        }),
    ];
}
