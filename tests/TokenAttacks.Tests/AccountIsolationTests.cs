using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests;

/// <summary>
/// Many teams on one platform, through the gateway: an operator opens accounts; each account's admin reaches
/// nothing of another's; an auditor reads and changes nothing; a suspended account's key, access token and agent
/// credential are refused everywhere within the revocation bound, and a reinstatement brings the key back.
/// </summary>
public class AccountIsolationTests(PlatformFixture platform)
{
    /// <summary>Generous for a busy 2-core machine; bench/ measures the real figure.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private HttpClient Gateway => platform.Gateway;

    private sealed record Team(string Id, string Admin);

    private async Task<Team> OpenAsync(string name)
    {
        var opened = await Gateway.ManageAsync(HttpMethod.Post, "/api/accounts", platform.AdminKey, new { name = $"{name}-{Guid.NewGuid():N}" });
        var team = new Team(opened.GetProperty("account").Str("id"), opened.GetProperty("adminKey").Str("secret"));
        await Eventually.ValueAsync(() => StatusAsync(HttpMethod.Get, "/api/keys", team.Admin), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        return team;
    }

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string bearer, object? body = null, IDictionary<string, string>? headers = null)
    {
        using var response = await Gateway.SendAsync(method, path, bearer, body, headers);
        return response.StatusCode;
    }

    private async Task<string> IssueAsync(Team team, params string[] scopes) =>
        (await Gateway.ManageAsync(HttpMethod.Post, "/api/keys", team.Admin, new { name = "worker", environment = "live", scopes })).Str("secret");

    [Fact]
    public async Task each_accounts_admin_reaches_nothing_of_the_other_and_an_auditor_reads_without_changing()
    {
        var a = await OpenAsync("team-a");
        var b = await OpenAsync("team-b");
        var aKey = await Gateway.ManageAsync(HttpMethod.Post, "/api/keys", a.Admin, new { name = "a-worker", environment = "live", scopes = new[] { Scope.ModelsRead, Scope.KeysManage } });
        var aClient = await Gateway.ManageAsync(HttpMethod.Post, "/api/clients", a.Admin, new
        {
            name = "a-service", type = "confidential", grantTypes = new[] { OpenIdConnectGrantTypes.ClientCredentials }, scopes = new[] { Scope.ModelsRead },
        });
        var aAgent = await Eventually.ValueAsync(
            async () => await Gateway.SendAsync(HttpMethod.Post, "/api/agents", aKey.Str("secret"), new { agentId = "a-agent", scopes = new[] { Scope.ModelsRead } }),
            r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(10));
        var agentId = JsonDocument.Parse(await aAgent.Content.ReadAsStringAsync(Api.Ct)).RootElement.Str("id");

        // B's admin: every one of A's things is as unknown as a thing that does not exist.
        (await StatusAsync(HttpMethod.Get, $"/api/keys/{aKey.Str("id")}", b.Admin)).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(HttpMethod.Post, $"/api/keys/{aKey.Str("id")}/revoke", b.Admin, new { reason = "not mine" })).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(HttpMethod.Get, $"/api/clients/{aClient.Str("clientId")}", b.Admin)).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(HttpMethod.Get, $"/api/agents/{agentId}", b.Admin)).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(HttpMethod.Get, $"/api/accounts/{a.Id}", b.Admin)).ShouldBe(HttpStatusCode.Forbidden);
        var bLog = await Gateway.ManageAsync(HttpMethod.Get, "/api/audit/events", b.Admin);
        bLog.GetRawText().ShouldNotContain(aKey.Str("id"));
        (await StatusAsync(HttpMethod.Get, $"/api/audit/events?account={a.Id}", b.Admin)).ShouldNotBe(HttpStatusCode.OK);

        // A's auditor reads A's keys and log, and every change is refused.
        var auditor = await IssueAsync(a, Scope.AuditRead);
        await Eventually.ValueAsync(() => StatusAsync(HttpMethod.Get, "/api/keys", auditor), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        var log = await Eventually.ValueAsync(async () => (await Gateway.ManageAsync(HttpMethod.Get, "/api/audit/events", auditor)).GetRawText(),
            text => text.Contains(aKey.Str("id")), TimeSpan.FromSeconds(30));
        log.ShouldNotContain(b.Id);
        (await StatusAsync(HttpMethod.Post, "/api/keys", auditor, new { name = "no", environment = "live", scopes = new[] { Scope.ModelsRead } })).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync(HttpMethod.Post, $"/api/keys/{aKey.Str("id")}/revoke", auditor, new { reason = "auditors do not revoke" })).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync(HttpMethod.Post, "/api/clients", auditor, new { name = "no", type = "confidential", grantTypes = new[] { "client_credentials" }, scopes = new[] { Scope.ModelsRead } }))
            .ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync(HttpMethod.Post, "/api/webhooks", auditor, new { url = "https://example.com/hook", events = new[] { "key.revoked" } })).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync(HttpMethod.Get, "/api/accounts", auditor)).ShouldBe(HttpStatusCode.Forbidden);

        // The operator reads A's log by naming the account.
        (await Gateway.ManageAsync(HttpMethod.Get, $"/api/audit/events?account={a.Id}", platform.AdminKey)).GetRawText().ShouldContain(aKey.Str("id"));
    }

    [Fact]
    public async Task a_suspended_accounts_key_access_token_and_agent_credential_are_refused_everywhere_and_its_key_comes_back_with_it()
    {
        var team = await OpenAsync("team-suspended");
        var key = await IssueAsync(team, Scope.ModelsRead);
        var client = await Gateway.ManageAsync(HttpMethod.Post, "/api/clients", team.Admin, new
        {
            name = "team-service", type = "confidential", grantTypes = new[] { OpenIdConnectGrantTypes.ClientCredentials }, scopes = new[] { Scope.ModelsRead },
        });
        var agent = await Gateway.ManageAsync(HttpMethod.Post, "/api/agents", key, new { agentId = "team-agent", scopes = new[] { Scope.ModelsRead } });
        var agentHeaders = new Dictionary<string, string> { ["X-Agent-ID"] = "team-agent" };
        var token = await ClientTokenAsync(client);
        token.Status.ShouldBe(HttpStatusCode.OK, token.Body);

        var credentials = new (string Name, Func<Task<HttpStatusCode>> Call)[]
        {
            ("API key at the sample API", () => StatusAsync(HttpMethod.Get, "/v1/models", key)),
            ("API key at Keys' verify", async () => (await Gateway.PostAsJsonAsync("/api/keys/verify", new { key }, Api.Ct)).StatusCode),
            ("client's access token at the sample API", () => StatusAsync(HttpMethod.Get, "/v1/models", token.AccessToken)),
            ("admin key at Agents", () => StatusAsync(HttpMethod.Get, "/api/agents", team.Admin)),
            ("agent credential at the sample API", () => StatusAsync(HttpMethod.Get, "/v1/models", agent.Str("token"), headers: agentHeaders)),
        };
        foreach (var (name, call) in credentials)
            await Eventually.ValueAsync(call, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), s => $"{name} before the suspension: {(int)s}");

        await Gateway.ManageAsync(HttpMethod.Post, $"/api/accounts/{team.Id}/suspend", platform.AdminKey, new { reason = "contract ended" });
        var since = Stopwatch.StartNew();
        var late = new List<string>();
        foreach (var (name, call) in credentials)
            while (await call() != HttpStatusCode.Unauthorized)
            {
                if (since.Elapsed > Bound)
                {
                    late.Add($"{name}: still {(int)await call()} {since.Elapsed.TotalSeconds:0.0} s after the suspension was acknowledged");
                    break;
                }
                await Task.Delay(25, Api.Ct);
            }
        late.ShouldBeEmpty();
        (await ClientTokenAsync(client)).Status.ShouldNotBe(HttpStatusCode.OK);

        await Gateway.ManageAsync(HttpMethod.Post, $"/api/accounts/{team.Id}/reinstate", platform.AdminKey);
        await Eventually.ValueAsync(() => StatusAsync(HttpMethod.Get, "/v1/models", key), s => s == HttpStatusCode.OK, Bound, s => $"the key after the reinstatement: {(int)s}");
        var again = await Eventually.ValueAsync(() => ClientTokenAsync(client), t => t.Status == HttpStatusCode.OK, Bound, t => $"a new client token: {t.Body}");
        (await Eventually.ValueAsync(() => StatusAsync(HttpMethod.Get, "/v1/models", again.AccessToken), s => s == HttpStatusCode.OK, Bound)).ShouldBe(HttpStatusCode.OK);
        // Agent credentials are short-lived: a suspension ends them for good.
        (await StatusAsync(HttpMethod.Get, "/v1/models", agent.Str("token"), headers: agentHeaders)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<(HttpStatusCode Status, string AccessToken, string Body)> ClientTokenAsync(JsonElement client)
    {
        var (response, json) = await Gateway.PostFormAsync(OAuth.TokenPath, new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.ClientCredentials, [OpenIdConnectParameterNames.Scope] = Scope.ModelsRead,
        }, Api.Basic(client.Str("clientId"), client.Str("clientSecret")));
        return (response.StatusCode, json.Str(OpenIdConnectParameterNames.AccessToken), json.ValueKind == JsonValueKind.Undefined ? "" : json.GetRawText());
    }
}
