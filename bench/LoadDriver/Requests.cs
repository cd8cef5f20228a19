using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench;

public static class Requests
{
    private static readonly Guid Account = Guid.CreateVersion7();

    public static async Task<Guid?> Alive(HttpClient http)
    {
        using var response = await http.GetAsync("/keys-api/alive");
        response.EnsureSuccessStatusCode();
        return null;
    }

    public static async Task<Guid?> IssueKey(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/keys",
            new { accountId = Account, name = "bench", environment = "test", scopes = new[] { "models:read" } });
        response.EnsureSuccessStatusCode();
        // Only the id is kept; the secret is dropped unread.
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetGuid();
    }
}
