using System.Text.Json;
using Alba;

namespace Platform.Agents.Tests;

/// <summary>Whatever arrives, the answer is a 4xx in the seed's shape, never a 500.</summary>
public class BadInputTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private static readonly string Huge = new('x', 20_000);
    // An id no credential has: the body is judged before the id is looked up (the empty Guid is a 404 before either).
    private static readonly Guid Unknown = Guid.CreateVersion7();

    public static TheoryData<string, string, string?, int> Requests => new()
    {
        { "POST", "/api/agents", "{\"agentId\":", 400 },
        { "POST", "/api/agents", "{\"agentId\":42}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"scopes\":\"chat:completions\"}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"scopes\":[\"root\"]}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"scopes\":[null]}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a b\"}", 400 },
        { "POST", "/api/agents", $"{{\"agentId\":\"{Huge}\"}}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"tools\":[\"x y\"]}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"lifetimeSeconds\":-5}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"lifetimeSeconds\":99999999999}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"requestBudget\":0}", 400 },
        { "POST", "/api/agents", "[]", 400 },
        { "POST", "/api/agents", null, 400 },
        { "POST", "/api/agents", "null", 400 },
        { "POST", "/api/agents/00000000-0000-0000-0000-000000000000/restrict", null, 400 },
        { "POST", "/api/agents/00000000-0000-0000-0000-000000000000/restrict", "null", 400 },
        { "POST", "/api/agents/00000000-0000-0000-0000-000000000000/restrict", "{\"agentId\":\"a\",\"tools\":[\"*\",null]}", 400 },
        { "POST", "/api/agents/refresh", "null", 401 },
        { "POST", "/api/agents/verify", "{\"token\":", 400 },
        { "POST", "/api/agents/verify", "{\"token\":7}", 400 },
        { "POST", "/api/agents/verify", $"{{\"token\":\"{Huge}\"}}", 401 },
        { "POST", "/api/agents/verify", $"{{\"token\":\"agent_tok_x\",\"tool\":\"{Huge}\"}}", 400 },
        { "POST", "/api/agents/verify", "{\"token\":\"agent_tok_x\",\"scopes\":[null]}", 400 },
        { "POST", "/api/agents/verify", "{\"token\":\"agent_tok_x\"}", 401 },
        { "POST", "/api/agents/verify", null, 401 },
        { "POST", "/api/agents/refresh", null, 401 },
        { "POST", "/api/agents/refresh", "{\"lifetimeSeconds\":\"soon\"}", 400 },
        { "POST", "/api/agents/not-a-guid/restrict", "{\"agentId\":\"a\"}", 401 },
        { "POST", "/api/agents/not-a-guid/revoke", null, 400 },
        { "POST", $"/api/agents/{Unknown}/revoke", $"{{\"reason\":\"{Huge}\"}}", 400 },
        { "GET", "/api/agents/not-a-guid", null, 400 },
        { "GET", "/api/agents/00000000-0000-0000-0000-000000000000", null, 404 },
        { "GET", "/api/agents?limit=0", null, 400 },
        { "GET", "/api/agents?limit=abc", null, 400 },
        { "GET", "/api/agents?after=yesterday", null, 400 },
        { "GET", "/api/agents?status=Active", null, 400 },
        { "GET", $"/api/agents?agentId={Huge}", null, 400 },
        // The empty Guid is an unknown id like any other (Marten refuses it as a stream id).
        { "POST", "/api/agents/00000000-0000-0000-0000-000000000000/revoke", null, 404 },
        { "POST", "/api/agents/00000000-0000-0000-0000-000000000000/revoke", "{\"reason\":\"gone\"}", 404 },
        { "GET", "/api/agents/00000000-0000-0000-0000-000000000000/usage", null, 404 },
        // PostgreSQL stores no NUL, in text or jsonb.
        { "POST", "/api/agents", "{\"agentId\":\"a\\u0000b\"}", 400 },
        { "POST", "/api/agents", "{\"agentId\":\"a\",\"tools\":[\"x\\u0000\"]}", 400 },
        { "POST", $"/api/agents/{Unknown}/revoke", "{\"reason\":\"a\\u0000b\"}", 400 },
        { "GET", "/api/agents?agentId=a%00b", null, 400 },
        { "DELETE", "/api/agents", null, 405 },
    };

    [Theory]
    [InlineData("/api/agents", "bogus")]
    [InlineData("/api/agents/verify", "bogus")]
    [InlineData("/api/agents/refresh", "bogus")]
    [InlineData("/api/agents/00000000-0000-0000-0000-000000000000/revoke", "bogus")]
    [InlineData("/api/agents/verify", "")]
    [InlineData("/api/agents/refresh", "")]
    [InlineData("/api/agents/00000000-0000-0000-0000-000000000000/revoke", "")]
    public async Task a_json_body_in_an_unknown_or_empty_charset_is_refused_with_415_in_the_seed_shape(string url, string charset)
    {
        var result = await Agents.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Admin}");
            s.Post.Text("{\"agentId\":\"a\"}").ToUrl(url);
            s.WithRequestHeader("Content-Type", $"application/json; charset={charset}");
            s.IgnoreStatusCode();
        });

        result.Context.Response.StatusCode.ShouldBe(415, await result.ReadAsTextAsync());
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("message").GetString()!.ShouldContain("charset");
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task bad_input_is_a_4xx_in_the_seed_shape(string method, string url, string? body, int expected)
    {
        var result = await Agents.Scenario(s =>
        {
            // An API key of the account, so the endpoints behind it reach their input checks.
            s.WithRequestHeader("Authorization", $"Bearer {Admin}");
            s.WithRequestHeader("X-Agent-ID", "a");
            if (method == "GET") s.Get.Url(url);
            else if (method == "DELETE") s.Delete.Url(url);
            else if (body is null) s.Post.Url(url);
            else
            {
                s.Post.Text(body).ToUrl(url);
                s.WithRequestHeader("Content-Type", "application/json");
            }
            s.IgnoreStatusCode();
        });

        var status = result.Context.Response.StatusCode;
        var text = await result.ReadAsTextAsync();
        status.ShouldBe(expected, text);
        var error = JsonDocument.Parse(text).RootElement;
        error.GetProperty("statusCode").GetInt32().ShouldBe(expected);
        error.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        error.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("GET", "/api/agents", null, null)]
    [InlineData("GET", "/api/agents", "Bearer not-a-credential", null)]
    [InlineData("GET", "/api/agents", "Basic YTpi", null)]
    [InlineData("POST", "/api/agents", null, null)]
    [InlineData("POST", "/api/agents", "Bearer sk_live_unknown", null)]
    [InlineData("POST", "/api/agents/refresh", "Bearer agent_tok_unknown", "a")]
    [InlineData("POST", "/api/agents/refresh", "Bearer agent_tok_unknown", null)]
    [InlineData("POST", "/api/agents/00000000-0000-0000-0000-000000000000/restrict", null, "a")]
    public async Task every_401_names_the_bearer_scheme_in_www_authenticate(string method, string url, string? authorization, string? agentId)
    {
        var result = await Agents.Scenario(s =>
        {
            if (authorization is not null) s.WithRequestHeader("Authorization", authorization);
            if (agentId is not null) s.WithRequestHeader("X-Agent-ID", agentId);
            if (method == "GET") s.Get.Url(url);
            else s.Post.Json(new { agentId = "a" }).ToUrl(url);
            s.IgnoreStatusCode();
        });

        result.Context.Response.StatusCode.ShouldBe(401, await result.ReadAsTextAsync());
        result.Context.Response.Headers.WWWAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_refused_with_415()
    {
        var result = await Agents.Scenario(s =>
        {
            s.Post.Text("token=agent_tok_x").ToUrl("/api/agents/verify");
            s.WithRequestHeader("Content-Type", "application/x-www-form-urlencoded");
            s.IgnoreStatusCode();
        });

        result.Context.Response.StatusCode.ShouldBe(415);
        (await result.ReadAsTextAsync()).ShouldContain("\"statusCode\":415");
    }
}
