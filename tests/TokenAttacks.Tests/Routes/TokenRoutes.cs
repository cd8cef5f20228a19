namespace Platform.TokenAttacks.Tests.Routes;

/// <summary>Every route of the platform that takes an access token, through the gateway.</summary>
public static class TokenRoutes
{
    private static readonly object Chat = new { model = "mistral-small-latest", messages = new[] { new { role = "user", content = "Hello" } } };
    private static readonly object McpInitialize = new
    {
        jsonrpc = "2.0", id = 1, method = "initialize",
        @params = new { protocolVersion = "2025-06-18", capabilities = new { }, clientInfo = new { name = "token-attacks", version = "1" } },
    };

    // Management APIs take the default audience; a token bound to the sample API (RFC 8707) manages nothing.
    private static ProtectedRoute Management(string name, HttpMethod method, string path, object? body = null) =>
        new(name, method, path, body, g => g.AccessToken, g => g.SampleApiToken, Refusal.Seed);

    // The sample API takes its own audience and the default one, never the MCP server's.
    private static ProtectedRoute SampleApi(string name, HttpMethod method, string path, object? body = null) =>
        new(name, method, path, body, g => g.AccessToken, g => g.McpToken, Refusal.SeedAndChallenge);

    public static readonly IReadOnlyList<ProtectedRoute> All =
    [
        Management("Keys GET /api/keys", HttpMethod.Get, "/api/keys"),
        Management("Tokens GET /api/clients", HttpMethod.Get, "/api/clients"),
        Management("Tokens GET /api/users", HttpMethod.Get, "/api/users"),
        Management("Agents GET /api/agents", HttpMethod.Get, "/api/agents"),
        Management("Agents POST /api/agents (mint)", HttpMethod.Post, "/api/agents", new { agentId = "minted-by-attack", scopes = new[] { Scope.ModelsRead } }),
        Management("Audit GET /api/audit/events", HttpMethod.Get, "/api/audit/events"),
        Management("Audit GET /api/webhooks", HttpMethod.Get, "/api/webhooks"),
        SampleApi("SampleApi GET /v1/models", HttpMethod.Get, "/v1/models"),
        SampleApi("SampleApi POST /v1/chat/completions", HttpMethod.Post, "/v1/chat/completions", Chat),
        SampleApi("SampleApi GET /api/insights/v1/pnl-summary", HttpMethod.Get, "/api/insights/v1/pnl-summary"),
        SampleApi("SampleApi GET /api/plans/v1/plans", HttpMethod.Get, "/api/plans/v1/plans"),
        new("McpServer POST /mcp", HttpMethod.Post, "/mcp", McpInitialize, g => g.McpToken, g => g.SampleApiToken, Refusal.Challenge),
        new("Tokens POST /oauth/introspect", HttpMethod.Post, OAuth.IntrospectPath, null, g => g.AccessToken, _ => null, Refusal.Inactive, TakesApiKeys: false),
    ];
}
