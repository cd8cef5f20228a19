using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>The requests under test. Management calls carry the admin key from PLATFORM_ADMIN_KEY.</summary>
public sealed class Requests(string adminKey)
{
    private readonly AuthenticationHeaderValue _admin = new("Bearer", adminKey);

    public static async Task<Guid?> Alive(HttpClient http)
    {
        using var response = await http.GetAsync("/keys-api/alive");
        response.EnsureSuccessStatusCode();
        return null;
    }

    /// <summary>A subject's audit entries (Audit answers the account's own entries to a key with keys:manage).</summary>
    public async Task<JsonElement> AuditEventsAsync(HttpClient http, Guid subject, CancellationToken ct, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/audit/events?subject={subject}{query}") { Headers = { Authorization = _admin } };
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>How many changes of a subject Audit has recorded: the newest entry's position in the subject's history.</summary>
    public async Task<int> AuditCountAsync(HttpClient http, Guid subject)
    {
        var page = await AuditEventsAsync(http, subject, CancellationToken.None, "&order=desc&limit=1");
        var items = page.GetProperty("items");
        return items.GetArrayLength() == 0 ? 0 : items[0].GetProperty("position").GetInt32();
    }

    /// <summary>A management read, its body drained (what is measured is the answer, whole).</summary>
    public async Task<Guid?> GetAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = _admin } };
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return null;
    }

    public async Task RenameAsync(HttpClient http, Guid id, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/keys/{id}/rename")
        {
            Content = JsonContent.Create(new { name }),
            Headers = { Authorization = _admin },
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A confidential client for client_credentials; its secret is in this answer only.</summary>
    public async Task<(string Id, string Secret)> RegisterClientAsync(HttpClient http, string[]? scopes = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/clients")
        {
            Content = JsonContent.Create(new { name = "bench", type = "confidential", grantTypes = new[] { "client_credentials" }, scopes = scopes ?? ["insights:read", "plans:read"] }),
            Headers = { Authorization = _admin },
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    public async Task<(Guid Id, string Secret)> IssueAsync(HttpClient http, object? rateLimit = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Content = JsonContent.Create(new { name = "bench", environment = "live", scopes = new[] { "models:read" }, rateLimit }),
            Headers = { Authorization = _admin },
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    public async Task<Guid?> IssueKey(HttpClient http) => (await IssueAsync(http)).Id;

    public async Task RevokeAsync(HttpClient http, Guid id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/keys/{id}/revoke")
        {
            Content = JsonContent.Create(new { reason = "bench" }),
            Headers = { Authorization = _admin },
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The status /api/keys/verify answers for this key (200, or 401 once refused).</summary>
    public static async Task<int> VerifyAsync(HttpClient http, string secret)
    {
        // The body is serialized once per key: the driver shares the 2 cores it measures, and what is measured is
        // the server's work (as with wrk), not this client's JSON writer.
        var body = VerifyBodies.GetOrAdd(secret, s => JsonSerializer.SerializeToUtf8Bytes(new { key = s, scopes = new[] { "models:read" } }));
        using var content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        using var response = await http.PostAsync("/api/keys/verify", content);
        return (int)response.StatusCode;
    }

    private static readonly ConcurrentDictionary<string, byte[]> VerifyBodies = new(StringComparer.Ordinal);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
}
