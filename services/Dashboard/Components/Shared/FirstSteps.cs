using Microsoft.Extensions.Options;

namespace Platform.Dashboard.Components.Shared;

/// <summary>
/// The first call of each kind as one line of curl against this platform, for the empty pages. The key in
/// <c>$PLATFORM_KEY</c> is one with <c>keys:manage</c>; nothing secret is ever written into these lines.
/// </summary>
public sealed class FirstSteps(IOptions<DashboardOptions> options)
{
    private string Url => options.Value.PlatformUrl.TrimEnd('/');

    private string Post(string path, string body, string bearer = "$PLATFORM_KEY") =>
        $"curl -X POST {Url}{path} -H \"Authorization: Bearer {bearer}\" -H \"Content-Type: application/json\" -d '{body}'";

    public string IssueKey => Post("/api/keys", """{"name":"my-first-key","environment":"test","scopes":["models:read"]}""");

    public string RegisterClient =>
        Post("/api/clients", """{"name":"my-service","type":"confidential","grantTypes":["client_credentials"],"scopes":["models:read"]}""");

    // Note: an agent credential is minted with the key it acts for, not with the manager's.
    public string MintCredential =>
        Post("/api/agents", """{"agentId":"my-agent","scopes":["models:read"],"lifetimeSeconds":900}""", "$AGENT_PARENT_KEY");

    public string AddWebhook => Post("/api/webhooks", """{"url":"https://example.com/hooks/platform","eventTypes":["*"]}""");

    public string AddPerson => Post("/api/users", """{"email":"colleague@example.com","password":"a-long-first-password","scopes":["keys:manage"]}""");

    /// <summary>What a resource server asks for each request (the SDK does it, and caches the answer): it counts as usage.</summary>
    public string VerifyKey => $"curl -X POST {Url}/api/keys/verify -H \"Authorization: Bearer $YOUR_KEY\"";
}
