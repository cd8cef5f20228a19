using static Platform.Fuzz.Tests.Table.BodyKind;
using static Platform.Fuzz.Tests.Table.Credential;
using static Platform.Fuzz.Tests.Table.Shape;

namespace Platform.Fuzz.Tests.Table;

/// <summary>Every documented route (README, docs/*.md, the services' endpoints), as the gateway serves it.</summary>
public static class RouteTable
{
    public static readonly Route[] All =
    [
        // Keys
        new("POST", "/api/keys", Admin, Json, """{"name":"fuzz","environment":"test","scopes":["models:read"]}""", Seed, "keys"),
        new("GET", "/api/keys", Admin, Empty, null, Seed, null, Query: ["environment", "status", "q", "limit", "after"]),
        new("GET", "/api/keys/{key}", Admin, Empty, null, Seed, null, Query: ["asOf"]),
        new("GET", "/api/keys/{key}/history", Admin, Empty, null, Seed, null),
        new("POST", "/api/keys/{key}/rename", Admin, Json, """{"name":"fuzz-renamed"}""", Seed, "keys"),
        new("PUT", "/api/keys/{key}/scopes", Admin, Json, """{"scopes":["models:read"]}""", Seed, "keys"),
        new("POST", "/api/keys/{key}/rotate", Admin, Json, """{"overlapSeconds":60}""", Seed, "keys", Destructive: true),
        new("POST", "/api/keys/{key}/revoke", Admin, Json, """{"reason":"fuzz"}""", Seed, "keys", Destructive: true),
        new("POST", "/api/keys/{key}/suspend", Admin, Json, """{"reason":"fuzz"}""", Seed, "keys", Destructive: true),
        new("POST", "/api/keys/{key}/reinstate", Admin, Empty, null, Seed, "keys", Destructive: true),
        new("GET", "/api/keys/{key}/usage", Admin, Empty, null, Seed, null, Query: ["from", "to", "bucketMinutes"]),
        new("GET", "/api/keys/usage", Admin, Empty, null, Seed, null, Query: ["from", "to", "bucketMinutes"]),
        new("GET", "/api/keys/usage/changes", Admin, Empty, null, Seed, null),
        new("POST", "/api/keys/verify", Anonymous, Json, """{"key":"$KEY","scopes":["models:read"],"ip":"203.0.113.7"}""", Seed, "keys"),
        new("GET", "/api/keys/changes", Admin, Empty, null, Seed, null),
        // Tokens
        new("GET", "/.well-known/oauth-authorization-server", Anonymous, Empty, null, Seed, null),
        new("GET", "/.well-known/jwks.json", Anonymous, Empty, null, Seed, null),
        new("POST", "/oauth/token", ClientBasic, Form, "grant_type=client_credentials&scope=models%3Aread", OAuth, "tokens"),
        new("POST", "/oauth/introspect", ClientBasic, Form, "token=$ACCESS_TOKEN", OAuth, "tokens"),
        new("POST", "/oauth/revoke", ClientBasic, Form, "token=not-a-token", OAuth, "tokens"),
        new("POST", "/oauth/register", Anonymous, Json, """{"client_name":"fuzz","redirect_uris":["$ORIGIN/callback"]}""", OAuth, "tokens"),
        new("POST", "/api/oauth/v1/token", Anonymous, Form, "grant_type=client_credentials&client_id=$CLIENT_ID&client_secret=$CLIENT_SECRET", Seed, "tokens"),
        new("POST", "/api/auth/v1/token", Anonymous, Json, """{"apiKey":"$KEY"}""", Seed, "tokens"),
        new("GET", "/oauth/authorize", Anonymous, Empty, null, Html, null,
            Query: ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"]),
        new("POST", "/oauth/login", Anonymous, Form, "email=nobody%40example.com&password=wrong-password&return_url=%2Foauth%2Fauthorize%3F", Html, "tokens"),
        new("POST", "/oauth/consent", Anonymous, Form, "request=x&decision=allow", Html, "tokens"),
        new("GET", "/oauth/logout", Anonymous, Empty, null, Html, null, Query: ["client_id", "post_logout_redirect_uri"]),
        new("GET", "/oauth/changes", Admin, Empty, null, Seed, null),
        new("POST", "/api/clients", Admin, Json, """{"name":"fuzz","type":"confidential","grantTypes":["client_credentials"],"scopes":["models:read"]}""", Seed, "tokens"),
        new("GET", "/api/clients", Admin, Empty, null, Seed, null, Query: ["q", "limit", "after"]),
        new("GET", "/api/clients/{client}", Admin, Empty, null, Seed, null),
        new("POST", "/api/clients/{client}/rotate-secret", Admin, Empty, null, Seed, "tokens", Destructive: true),
        new("POST", "/api/clients/{client}/disable", Admin, Empty, null, Seed, "tokens", Destructive: true),
        new("GET", "/api/users", Admin, Empty, null, Seed, null),
        new("POST", "/api/users", Admin, Json, """{"email":"fuzz-$RANDOM@example.com","password":"correct horse battery","scopes":["models:read"]}""", Seed, "tokens"),
        // A person's own routes, probed with the admin key: no person is behind it, so the valid call answers 404.
        new("GET", "/api/users/me", Admin, Empty, null, Seed, null),
        new("GET", "/api/users/me/sessions", Admin, Empty, null, Seed, null),
        new("POST", "/api/users/me/password", Admin, Json, """{"currentPassword":"correct horse battery","newPassword":"another horse battery"}""", Seed, "tokens"),
        // Agents
        new("POST", "/api/agents", Key, Json, """{"agentId":"fuzz-agent","scopes":["models:read"],"lifetimeSeconds":600}""", Seed, "agents"),
        new("POST", "/api/agents/{agent}/restrict", Agent, Json, """{"agentId":"fuzz-child","scopes":["models:read"]}""", Seed, "agents"),
        new("POST", "/api/agents/refresh", Agent, Json, """{"lifetimeSeconds":600}""", Seed, "agents", Destructive: true),
        new("POST", "/api/agents/verify", Anonymous, Json, """{"token":"$AGENT_TOKEN","scopes":["models:read"]}""", Seed, "agents"),
        new("GET", "/api/agents", Admin, Empty, null, Seed, null, Query: ["status", "agentId", "q", "limit", "after"]),
        new("GET", "/api/agents/{agent}", Admin, Empty, null, Seed, null),
        new("GET", "/api/agents/{agent}/usage", Admin, Empty, null, Seed, null, Query: ["from", "to", "bucketMinutes"]),
        new("GET", "/api/agents/usage/changes", Admin, Empty, null, Seed, null),
        new("POST", "/api/agents/{agent}/revoke", Admin, Json, """{"reason":"fuzz"}""", Seed, "agents", Destructive: true),
        new("GET", "/api/agents/changes", Admin, Empty, null, Seed, null),
        // Audit
        new("GET", "/api/audit/events", Admin, Empty, null, Seed, null,
            Query: ["subject", "account", "actor", "type", "from", "to", "order", "limit", "cursor"]),
        new("GET", "/api/audit/subjects/{key}/as-of", Admin, Empty, null, Seed, null, Query: ["at"]),
        new("GET", "/api/audit/subjects/{key}/report", Admin, Empty, null, Seed, null, Query: ["at", "account"]),
        new("GET", "/api/audit/verify", Admin, Empty, null, Seed, null, Query: ["subject"]),
        new("GET", "/api/audit/export", Admin, Empty, null, Seed, null, Query: ["subject"]),
        new("PUT", "/api/audit/quarantine", Admin, Json, """{"enabled":false}""", Seed, "audit"),
        new("GET", "/api/audit/quarantine", Admin, Empty, null, Seed, null),
        new("POST", "/api/webhooks", Admin, Json, """{"url":"https://93.184.215.14/fuzz","eventTypes":["KeyRevoked"]}""", Seed, "audit"),
        new("GET", "/api/webhooks", Admin, Empty, null, Seed, null),
        new("POST", "/api/webhooks/{webhook}/test", Admin, Empty, null, Seed, "audit"),
        new("GET", "/api/webhooks/{webhook}/deliveries", Admin, Empty, null, Seed, null),
        // Sample API and MCP server (resource servers)
        new("POST", "/v1/chat/completions", Key, Json, """{"model":"mistral-small-latest","messages":[{"role":"user","content":"Hello"}]}""", Seed, null),
        new("GET", "/v1/models", Key, Empty, null, Seed, null),
        new("GET", "/v1/usage", Key, Empty, null, Seed, null),
        new("GET", "/api/insights/v1/pnl-summary", Key, Empty, null, Seed, null, Query: ["planId"]),
        new("GET", "/api/plans/v1/plans", Key, Empty, null, Seed, null),
        new("POST", "/mcp", AccessToken, Json, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Seed, null),
        // Dashboard (pages for people)
        new("GET", "/dashboard", Anonymous, Empty, null, Html, null),
        new("GET", "/dashboard/keys/{key}", Anonymous, Empty, null, Html, null),
        new("GET", "/dashboard/signin", Anonymous, Empty, null, Html, null, Query: ["returnUrl"]),
        new("GET", "/dashboard/signed-out", Anonymous, Empty, null, Html, null, Query: ["failed"]),
        new("POST", "/dashboard/signout", Anonymous, Form, "__RequestVerificationToken=x", Html, null),
    ];

    public static TheoryData<string> Names => [.. All.Select(r => r.Name)];

    public static Route Named(string name) => All.Single(r => r.Name == name);
}
