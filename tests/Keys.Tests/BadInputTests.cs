using System.Text;
using System.Text.Json;
using Alba;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>Hostile or careless input gets a 4xx in the seed's error shape, never a 500 or an empty body.</summary>
public class BadInputTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private const string ZeroId = "00000000-0000-0000-0000-000000000000";

    [Theory]
    [InlineData("POST", "revoke", """{"reason":"gone"}""")]
    [InlineData("POST", "rename", """{"name":"renamed"}""")]
    [InlineData("PUT", "scopes", """{"scopes":["chat:completions"]}""")]
    [InlineData("POST", "rotate", """{}""")]
    [InlineData("POST", "suspend", """{"reason":"paused"}""")]
    [InlineData("POST", "reinstate", null)]
    [InlineData("GET", "", null)]
    [InlineData("GET", "history", null)]
    [InlineData("GET", "usage", null)]
    public async Task an_all_zero_key_id_is_answered_like_any_unknown_key(string method, string verb, string? json)
    {
        var url = verb.Length == 0 ? $"/api/keys/{ZeroId}" : $"/api/keys/{ZeroId}/{verb}";
        var (status, body) = await SendRawAsync(method, url, json);
        status.ShouldBe(404, body);
        ShouldBeInTheShape(body, 404);
    }

    [Fact]
    public async Task an_all_zero_key_id_as_of_an_instant_is_not_found()
    {
        var (status, body) = await SendRawAsync("GET", $"/api/keys/{ZeroId}?asOf=2020-01-01T00:00:00Z", null);
        status.ShouldBe(404, body);
        ShouldBeInTheShape(body, 404);
    }

    [Theory]
    [InlineData("/api/keys", """{"name":"bad\u0000name","environment":"live","scopes":["chat:completions"]}""", "name")]
    [InlineData("/api/keys", """{"name":"ok","environment":"live","scopes":["chat:completions"],"metadata":{"team":"a\u0000b"}}""", "metadata")]
    [InlineData("/api/keys", """{"name":"ok","environment":"live","scopes":["chat:completions"],"metadata":{"t\u0000":"a"}}""", "metadata")]
    public async Task a_nul_character_in_free_text_is_refused_naming_the_field(string url, string json, string field)
    {
        var (status, body) = await SendRawAsync("POST", url, json);
        status.ShouldBe(400, body);
        ShouldBeInTheShape(body, 400).ShouldContain(field);
    }

    [Theory]
    [InlineData("rename", """{"name":"bad\u0000name"}""", "name")]
    [InlineData("revoke", """{"reason":"bad\u0000reason"}""", "reason")]
    [InlineData("suspend", """{"reason":"bad\ud800reason"}""", "reason")]
    public async Task a_nul_character_in_a_command_is_refused_naming_the_field(string verb, string json, string field)
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        var (status, body) = await SendRawAsync("POST", $"/api/keys/{key.Id}/{verb}", json);
        status.ShouldBe(400, body);
        ShouldBeInTheShape(body, 400).ShouldContain(field);
    }

    [Theory]
    [InlineData("POST", "/api/keys/verify", "text/plain", """{"key":"sk_live_x"}""", 415)]
    [InlineData("POST", "/api/keys", "text/plain", """{"name":"x"}""", 415)]
    [InlineData("POST", "/api/keys", "application/json; charset=bogus", """{"name":"x"}""", 415)]
    [InlineData("POST", "/api/keys/verify", "application/json; charset=bogus", """{"key":"sk_live_x"}""", 415)]
    [InlineData("POST", "/api/keys", "application/json", "null", 400)]
    [InlineData("DELETE", "/api/keys", null, null, 405)]
    [InlineData("DELETE", "/api/keys/verify", null, null, 405)]
    [InlineData("GET", "/api/no-such-route", null, null, 404)]
    [InlineData("GET", "/api/keys?after=a%00b", null, null, 400)]
    public async Task a_request_the_routes_cannot_take_is_answered_in_the_shape(string method, string url, string? contentType, string? payload, int expected)
    {
        var (status, body) = await SendRawAsync(method, url, payload, contentType ?? "application/json");
        status.ShouldBe(expected, body);
        ShouldBeInTheShape(body, expected).ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/api/keys", "application/json", 400)]
    [InlineData("/api/keys/verify", "application/json", 400)]
    [InlineData("/api/keys", "application/json; charset=", 415)]
    [InlineData("/api/keys/verify", "application/json; charset=", 415)]
    public async Task a_body_that_is_not_utf8_or_names_an_empty_charset_is_refused_before_it_is_read(string url, string contentType, int expected)
    {
        byte[] notUtf8 = [.. "{\"name\":\""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8];
        var (status, body) = await SendRawAsync("POST", url, notUtf8, contentType);
        status.ShouldBe(expected, body);
        ShouldBeInTheShape(body, expected).ShouldNotBeNullOrWhiteSpace();
    }

    private Task<(int Status, string Body)> SendRawAsync(string method, string url, string? payload, string contentType = "application/json") =>
        SendRawAsync(method, url, payload is null ? null : Encoding.UTF8.GetBytes(payload), contentType);

    private async Task<(int Status, string Body)> SendRawAsync(string method, string url, byte[]? payload, string contentType)
    {
        var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Authorization = new("Bearer", Admin);
        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await client.SendAsync(request, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string ShouldBeInTheShape(string body, int status)
    {
        body.ShouldNotBeNullOrWhiteSpace($"a {status} must have a body");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("statusCode").GetInt32().ShouldBe(status);
        json.RootElement.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
        return json.RootElement.GetProperty("message").GetString()!;
    }
}
