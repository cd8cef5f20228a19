using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;

namespace Platform.EndToEnd.Tests;

/// <summary>The sample MCP server through the gateway, driven by the official MCP C# client.</summary>
[Collection(nameof(PlatformCollection))]
public partial class McpTests(PlatformFixture platform)
{
    private const string Password = "correct horse battery staple";
    private const int Forbidden = -32003;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Gateway => platform.Gateway;
    private string Origin => Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority);
    private Uri McpEndpoint => new($"{Origin}/mcp");

    [Fact]
    public async Task the_client_discovers_registers_signs_in_with_pkce_and_the_resource_then_lists_and_calls_tools()
    {
        var email = $"mcp-{Guid.NewGuid():N}@example.com";
        await ManageAsync(HttpMethod.Post, "/api/users", new { email, password = Password, scopes = new[] { "models:read", "chat:completions" } });
        var authorizations = 0;
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri("http://127.0.0.1:7999/callback"),
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "end-to-end MCP client" },
                AuthorizationCallbackHandler = async (context, ct) =>
                {
                    Interlocked.Increment(ref authorizations);
                    return await SignInAsync(context.AuthorizationUri, email, ct);
                },
            },
        }, Gateway);
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var answer = await client.CallToolAsync("list_models", cancellationToken: Ct);

        authorizations.ShouldBe(1);
        // The user holds models:read and chat:completions, not insights:read: pnl_summary is not offered.
        tools.Select(t => t.Name).ShouldBe(["list_models", "chat"], ignoreOrder: true);
        answer.IsError.ShouldNotBe(true);
        JsonSerializer.Serialize(answer.Content).ShouldContain("mistral-small-latest");
        var refused = await Should.ThrowAsync<McpProtocolException>(() => client.CallToolAsync("pnl_summary", cancellationToken: Ct).AsTask());
        ((int)refused.ErrorCode).ShouldBe(Forbidden);
    }

    [Fact]
    public async Task an_agent_allowed_list_models_only_cannot_call_chat_and_the_denial_shows_in_its_usage()
    {
        var (_, key) = await IssueAsync("models:read", "chat:completions");
        var agent = await ManageAsync(HttpMethod.Post, "/api/agents", new { agentId = "mcp-agent", scopes = new[] { "models:read", "chat:completions" }, tools = new[] { "list_models" } }, key);
        await using var client = await AgentClientAsync(agent);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var models = await client.CallToolAsync("list_models", cancellationToken: Ct);
        var refused = await Should.ThrowAsync<McpProtocolException>(() =>
            client.CallToolAsync("chat", new Dictionary<string, object?> { ["message"] = "Hello" }, cancellationToken: Ct).AsTask());

        tools.Select(t => t.Name).ShouldBe(["list_models"]);
        models.IsError.ShouldNotBe(true);
        ((int)refused.ErrorCode).ShouldBe(Forbidden);
        refused.Message.ShouldContain("chat");
        var id = agent.GetProperty("id").GetString();
        var usage = await Eventually.ValueAsync(() => ManageAsync(HttpMethod.Get, $"/api/agents/{id}/usage", null),
            u => u.GetProperty("denied").GetInt64() >= 1, TimeSpan.FromSeconds(20));
        usage.GetProperty("deniedTools").GetProperty("chat").GetInt64().ShouldBe(1);
        usage.GetProperty("allowed").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task the_metadata_names_the_authorization_server_and_a_401_points_at_it()
    {
        var metadata = await Gateway.GetFromJsonAsync<JsonElement>("/.well-known/oauth-protected-resource/mcp", Ct);
        metadata.GetProperty("resource").GetString().ShouldBe($"{Origin}/mcp");
        metadata.GetProperty("authorization_servers")[0].GetString().ShouldBe(Origin);
        metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()).ShouldBe(["models:read", "chat:completions", "insights:read"], ignoreOrder: true);
        // The sample API's metadata, at the origin's own well-known path, is still the sample API's.
        (await Gateway.GetFromJsonAsync<JsonElement>("/.well-known/oauth-protected-resource", Ct)).GetProperty("resource").GetString().ShouldBe(Origin);

        var refused = await PostInitializeAsync(null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().ShouldBe($"Bearer resource_metadata=\"{Origin}/.well-known/oauth-protected-resource/mcp\"");
    }

    [Fact]
    public async Task a_token_for_another_resource_is_refused()
    {
        var (_, key) = await IssueAsync("models:read");
        var forPlatformApi = await ExchangeAsync(key, resource: null);
        var forSampleApi = await ExchangeAsync(key, resource: Origin);
        var forMcp = await ExchangeAsync(key, resource: $"{Origin}/mcp");

        (await PostInitializeAsync(forPlatformApi)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostInitializeAsync(forSampleApi)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostInitializeAsync(forMcp)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // And the other way round: the sample API takes its own and the default audience, not the MCP server's.
        (await GetModelsAsync(forSampleApi)).ShouldBe(HttpStatusCode.OK);
        (await GetModelsAsync(forPlatformApi)).ShouldBe(HttpStatusCode.OK);
        (await GetModelsAsync(forMcp)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task revoking_the_parent_key_ends_the_agents_session()
    {
        var (keyId, key) = await IssueAsync("models:read");
        var agent = await ManageAsync(HttpMethod.Post, "/api/agents", new { agentId = "revoked-agent", tools = new[] { "list_models" } }, key);
        await using var client = await AgentClientAsync(agent);
        (await client.CallToolAsync("list_models", cancellationToken: Ct)).IsError.ShouldNotBe(true);

        await ManageAsync(HttpMethod.Post, $"/api/keys/{keyId}/revoke", new { reason = "mcp session test" });
        var clock = Stopwatch.StartNew();

        // Generous bound so a busy machine never flakes; bench/ measures the real delay.
        await Eventually.ValueAsync(async () => await RefusedAsync(client), refused => refused, TimeSpan.FromSeconds(5));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("not json")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":null}")]
    [InlineData("[]")]
    public async Task bad_input_from_an_authenticated_caller_is_a_client_error(string body)
    {
        var (_, key) = await IssueAsync("models:read");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await Gateway.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        ((int)response.StatusCode).ShouldBeLessThan(500, text);
        text.ShouldNotContain(key);
    }

    [Theory]
    [InlineData("GET", null, 405)]
    [InlineData("PUT", "application/json", 405)]
    [InlineData("POST", "text/plain", 415)]
    [InlineData("POST", "multipart/form-data; boundary=x", 415)]
    public async Task a_method_or_media_type_the_transport_refuses_is_answered_in_the_seed_shape(string method, string? contentType, int status)
    {
        var (_, key) = await IssueAsync("models:read");
        using var request = new HttpRequestMessage(new HttpMethod(method), "/mcp");
        if (contentType is not null)
        {
            request.Content = new StringContent("{}");
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ExchangeAsync(key, McpEndpoint.ToString()));

        var response = await Gateway.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        ((int)response.StatusCode).ShouldBe(status, text);
        JsonDocument.Parse(text).RootElement.GetProperty("statusCode").GetInt32().ShouldBe(status);
    }

    private async Task<McpClient> AgentClientAsync(JsonElement agent)
    {
        var token = agent.GetProperty("token").GetString()!;
        var agentId = agent.GetProperty("agentId").GetString()!;
        // Agents' index hears of a new credential within milliseconds; the first connection retries briefly.
        return await Eventually.ValueAsync(async () =>
        {
            try
            {
                return await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
                {
                    Endpoint = McpEndpoint,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}", ["X-Agent-ID"] = agentId },
                }, Gateway), cancellationToken: Ct);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, c => c is not null, TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException();
    }

    private static async Task<bool> RefusedAsync(McpClient client)
    {
        try
        {
            return (await client.CallToolAsync("list_models", cancellationToken: Ct)).IsError == true;
        }
        catch (Exception e) when (e is McpException or HttpRequestException)
        {
            return true;
        }
    }

    /// <summary>What a person does in the browser the client opened: sign in, allow, and the redirect's code, state and issuer.</summary>
    private async Task<AuthorizationResult> SignInAsync(Uri authorize, string email, CancellationToken ct)
    {
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        query["resource"].ShouldBe($"{Origin}/mcp");
        query["code_challenge_method"].ShouldBe("S256");
        using var browser = LoginPages.Browser(Gateway.BaseAddress!);
        var login = await browser.GetStringAsync(authorize, ct);
        var signedIn = await LoginPages.SignInAsync(browser, login, email, Password, ct);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var consent = await browser.GetStringAsync(signedIn.Headers.Location!.ToString(), ct);
        var allowed = await LoginPages.AllowAsync(browser, consent, ct);
        var callback = System.Web.HttpUtility.ParseQueryString(allowed.Headers.Location!.Query);
        return new AuthorizationResult { Code = callback["code"]!, State = callback["state"], Iss = callback["iss"] };
    }

    private async Task<HttpStatusCode> GetModelsAsync(string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return (await Gateway.SendAsync(request, Ct)).StatusCode;
    }

    private async Task<HttpResponseMessage> PostInitializeAsync(string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = JsonContent.Create(new
            {
                jsonrpc = "2.0", id = 1, method = "initialize",
                @params = new { protocolVersion = "2025-06-18", capabilities = new { }, clientInfo = new { name = "raw", version = "1" } },
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Gateway.SendAsync(request, Ct);
    }

    /// <summary>RFC 8693: the API key exchanged for an access token, bound to <paramref name="resource"/> (none: the default audience).</summary>
    private async Task<string> ExchangeAsync(string key, string? resource)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange", ["subject_token"] = key,
            ["subject_token_type"] = "urn:platform:params:oauth:token-type:api-key",
        };
        if (resource is not null) form["resource"] = resource;
        var response = await Gateway.PostAsync("/oauth/token", new FormUrlEncodedContent(form), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<JsonElement> ManageAsync(HttpMethod method, string url, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? platform.AdminKey);
        using var response = await Gateway.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue($"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(string Id, string Secret)> IssueAsync(params string[] scopes)
    {
        var key = await ManageAsync(HttpMethod.Post, "/api/keys", new { name = "mcp-caller", environment = "live", scopes });
        var secret = key.GetProperty("secret").GetString()!;
        await Eventually.ValueAsync(async () => (int)(await Gateway.PostAsJsonAsync("/api/keys/verify", new { key = secret }, Ct)).StatusCode, s => s == 200, TimeSpan.FromSeconds(10));
        return (key.GetProperty("id").GetString()!, secret);
    }
}
