using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>The SIMCEL seed's two ways to a token, through the gateway, as its documentation shows them.</summary>
[Collection(nameof(PlatformCollection))]
public class TokensFlowTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task discovery_names_the_gateway_as_the_issuer()
    {
        var metadata = await platform.Gateway.GetFromJsonAsync<JsonElement>("/.well-known/oauth-authorization-server", Ct);

        var origin = platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority);
        metadata.GetProperty("issuer").GetString().ShouldBe(origin);
        metadata.GetProperty("token_endpoint").GetString().ShouldBe($"{origin}/oauth/token");
        (await platform.Gateway.GetStringAsync("/.well-known/jwks.json", Ct)).ShouldContain("\"kty\":\"EC\"");
    }

    [Fact]
    public async Task client_credentials_in_the_simcel_dialect_and_an_api_key_exchange_both_give_a_live_token()
    {
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/clients")
        {
            Content = JsonContent.Create(new { name = "simcel-sync", type = "confidential", grantTypes = new[] { "client_credentials" }, scopes = new[] { "insights:read", "plans:read" } }),
            Headers = { Authorization = new("Bearer", platform.AdminKey) },
        };
        var client = await (await platform.Gateway.SendAsync(register, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (id, secret) = (client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);

        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret, ["scope"] = "insights:read plans:read",
        });
        // The client reaches every replica's memory within milliseconds of the commit.
        var token = await Eventually.ValueAsync(async () => await platform.Gateway.PostAsync("/api/oauth/v1/token", Form(), Ct),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("expiresIn").GetInt32().ShouldBe(3600);
        body.GetProperty("tokenType").GetString().ShouldBe("Bearer");

        var exchange = await platform.Gateway.PostAsJsonAsync("/api/auth/v1/token", new { apiKey = platform.AdminKey }, Ct);
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var introspect = new HttpRequestMessage(HttpMethod.Post, "/oauth/introspect")
        {
            Content = new FormUrlEncodedContent([new("token", body.GetProperty("accessToken").GetString()!)]),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}"))) },
        };
        var answer = await (await platform.Gateway.SendAsync(introspect, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        answer.GetProperty("active").GetBoolean().ShouldBeTrue();
        answer.GetProperty("iss").GetString().ShouldBe(platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority));

        // The registration travelled Tokens' outbox to Audit, into the client's own chain.
        var entries = await Eventually.ValueAsync(() => AuditOfAsync(id), found => found.Count > 0, TimeSpan.FromSeconds(30));
        entries.Select(e => e.GetProperty("eventType").GetString()).ShouldContain("ClientRegistered");
    }

    [Fact]
    public async Task an_agent_credential_minted_through_the_gateway_verifies_and_is_audited()
    {
        using var mint = new HttpRequestMessage(HttpMethod.Post, "/api/agents")
        {
            Content = JsonContent.Create(new { agentId = "my-analysis-agent", scopes = new[] { "keys:manage" } }),
            Headers = { Authorization = new("Bearer", platform.AdminKey) },
        };
        var minted = await platform.Gateway.SendAsync(mint, Ct);
        minted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var credential = await minted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = credential.GetProperty("token").GetString()!;
        token.ShouldStartWith("agent_tok_");

        HttpRequestMessage Verify()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents/verify") { Content = JsonContent.Create(new { scopes = new[] { "keys:manage" } }) };
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("X-Agent-ID", "my-analysis-agent");
            return request;
        }
        // The credential reaches every replica's index within milliseconds of the commit.
        (await Eventually.ValueAsync(async () => (await platform.Gateway.SendAsync(Verify(), Ct)).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10)))
            .ShouldBe(HttpStatusCode.OK);
        var entries = await Eventually.ValueAsync(() => AuditOfAsync(credential.GetProperty("id").GetString()!), found => found.Count > 0, TimeSpan.FromSeconds(30));
        entries.Select(e => e.GetProperty("eventType").GetString()).ShouldContain("AgentCredentialMinted");
    }

    private async Task<List<JsonElement>> AuditOfAsync(string subject)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/audit/events?subject={subject}") { Headers = { Authorization = new("Bearer", platform.AdminKey) } };
        var page = await (await platform.Gateway.SendAsync(read, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
