using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Gateway.Tests;

/// <summary>What clients send through the gateway: safe reads, read-only POSTs, and commands.</summary>
public static class Requests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> VerifyAsync(this HttpClient gateway, string body) =>
        gateway.PostAsync("/api/keys/verify", new StringContent(body), Ct);

    /// <summary>A body of unknown length (sent chunked), as a JSON serializer streaming into the request writes it.</summary>
    public static Task<HttpResponseMessage> VerifyStreamedAsync(this HttpClient gateway, string body) =>
        gateway.PostAsync("/api/keys/verify", new StreamContent(new UnknownLength(body)), Ct);

    public static Task<HttpResponseMessage> ReadKeyAsync(this HttpClient gateway, string id) =>
        gateway.GetAsync($"/api/keys/{id}", Ct);

    public static Task<HttpResponseMessage> IssueKeyAsync(this HttpClient gateway, string name) =>
        gateway.PostAsJsonAsync("/api/keys", new { name }, Ct);

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(Ct);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    public static string RandomBody(int length) =>
        string.Create(length, Random.Shared, (chars, random) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next('a', 'z' + 1);
        });

    private sealed class UnknownLength(string text) : MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))
    {
        public override bool CanSeek => false;
    }
}
