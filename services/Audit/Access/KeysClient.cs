using System.Net.Http.Json;
using Platform.Contracts.Keys;
using Platform.ServiceDefaults;

namespace Platform.Audit.Access;

/// <summary>What Keys answered for a key: the verified key, or the status and message to pass on.</summary>
public sealed record KeyVerdict(VerifiedKey? Key, int Status, string Message);

/// <summary>Keys' <c>POST /api/keys/verify</c>, the one authority on whether a key is live and what it may do.</summary>
public sealed class KeysClient(HttpClient http)
{
    public async Task<KeyVerdict> VerifyAsync(string secret, CancellationToken ct)
    {
        // Note: the key travels in the body, never in a URL or a header that request logging would show.
        using var response = await http.PostAsJsonAsync("/api/keys/verify", new VerifyKey(secret, []), ct);
        if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<VerifiedKey>(ct) is { } key)
            return new(key, StatusCodes.Status200OK, "");
        var error = await ReadErrorAsync(response, ct);
        return new(null, (int)response.StatusCode, error?.Message ?? "API key could not be verified");
    }

    private static async Task<ApiError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ApiError>(ct);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
