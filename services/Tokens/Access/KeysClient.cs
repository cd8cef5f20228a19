using System.Net.Http.Json;
using Platform.Contracts.Keys;
using Platform.ServiceDefaults;

namespace Platform.Tokens.Access;

/// <summary>The answer of Keys' verify: the key, or the seed-shaped refusal to pass on.</summary>
public sealed record KeyVerification(VerifiedKey? Key, ApiError? Refusal);

/// <summary>Asks the Keys service (its in-memory index; no database read) whether an API key is live.</summary>
public sealed class KeysClient(HttpClient http)
{
    public async Task<KeyVerification> VerifyAsync(string secret, IReadOnlyList<string> requiredScopes, string? clientIp, CancellationToken ct)
    {
        using var response = await SendAsync(new VerifyKey(secret, [.. requiredScopes], clientIp), ct);
        if (response is null || (int)response.StatusCode >= 500) return new(null, Unavailable);
        if (response.IsSuccessStatusCode) return new((await response.Content.ReadFromJsonAsync<VerifiedKey>(ct))!, null);
        var refusal = await response.Content.ReadFromJsonAsync<ApiError>(ct);
        return new(null, refusal ?? ApiError.For((int)response.StatusCode, "API key was refused"));
    }

    private static readonly ApiError Unavailable = ApiError.For(StatusCodes.Status503ServiceUnavailable, "The key service is unavailable; retry shortly");

    private async Task<HttpResponseMessage?> SendAsync(VerifyKey request, CancellationToken ct)
    {
        try
        {
            return await http.PostAsJsonAsync("/api/keys/verify", request, ct);
        }
        catch (HttpRequestException)
        {
            // Resilience retries already ran; the caller answers 503 and the client retries.
            return null;
        }
    }
}
