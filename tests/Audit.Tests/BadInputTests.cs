using System.Text;
using System.Text.Json;

namespace Platform.Audit.Tests;

/// <summary>Input no route can take is a 4xx in the seed's error shape, never a 500 or an empty body.</summary>
public class BadInputTests(AuditFixture fixture) : AuditContext(fixture)
{
    private const string Json = "application/json";
    private const string ZeroId = "00000000-0000-0000-0000-000000000000";

    public static TheoryData<string, string, string?, string?, int> Requests() => new()
    {
        { "PUT", "/api/audit/quarantine", Json, "null", 400 },
        { "POST", "/api/webhooks", Json, "null", 400 },
        { "PUT", "/api/audit/quarantine", "text/plain", "{\"enabled\":true}", 415 },
        { "PUT", "/api/audit/quarantine", "application/json; charset=bogus", "{\"enabled\":true}", 415 },
        { "POST", "/api/webhooks", Json, "{\"url\":\"https://example.com/hook\",\"eventTypes\":[\"key.\\u0000\"]}", 400 },
        { "GET", $"/api/webhooks/{ZeroId}/deliveries", null, null, 404 },
        { "POST", $"/api/webhooks/{ZeroId}/test", null, null, 404 },
        { "GET", $"/api/audit/subjects/{ZeroId}/as-of?at=2026-01-01T00:00:00Z", null, null, 404 },
        { "GET", "/api/audit/events?subject=a%00b", null, null, 400 },
        { "DELETE", "/api/webhooks", null, null, 405 },
        { "GET", "/api/audit/no-such-route", null, null, 404 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task a_request_no_route_can_take_gets_its_status_in_the_seed_shape(string method, string url, string? contentType, string? body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Headers = { Authorization = new("Bearer", Admin) } };
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await Audit.Server.CreateClient().SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        ((int)response.StatusCode).ShouldBe(status, text);
        var error = JsonDocument.Parse(text).RootElement;
        error.GetProperty("statusCode").GetInt32().ShouldBe(status);
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
