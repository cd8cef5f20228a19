using System.Net.Http.Json;
using Platform.Contracts.Keys;
using Platform.ServiceDefaults;

namespace Platform.Agents.Parents;

/// <summary>The answer of Keys' verify: the key, or Keys' own refusal passed on in the seed's shape.</summary>
public readonly record struct KeyAnswer(VerifiedKey? Key, IResult? Refusal);

/// <summary>A key as Keys' management API shows it, as far as minting under it needs.</summary>
public sealed record ManagedKey(Guid Id, Guid AccountId, string[] Scopes, string Status, DateTimeOffset? ExpiresAt);

/// <summary>Keys' answer about a key read on a manager's behalf, or Keys' refusal passed on.</summary>
public readonly record struct ManagedKeyAnswer(ManagedKey? Key, IResult? Refusal);

/// <summary>Keys' <c>POST /api/keys/verify</c> and <c>GET /api/keys/{id}</c>, addressed as <c>keys-api</c> through service discovery.</summary>
/// <remarks>A typed client; endpoints get one per call from <see cref="KeysClients"/>.</remarks>
public sealed class KeysClient(HttpClient http, ILogger<KeysClient> logger)
{
    public const string ServiceName = "keys-api";

    public async Task<KeyAnswer> VerifyAsync(string key, string[] scopes, CancellationToken ct)
    {
        try
        {
            // Note: the key travels in the body, never in the URL, so no request log can carry it.
            using var response = await http.PostAsJsonAsync("/api/keys/verify", new VerifyKey(key, scopes), ct);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<VerifiedKey>(ct) is { } verified)
                return new(verified, null);
            var status = (int)response.StatusCode;
            if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests)
            {
                var error = await response.Content.ReadFromJsonAsync<ApiError>(ct);
                return new(null, ApiError.Result(status, error?.Message ?? "API key was refused"));
            }
            logger.LogWarning("Key verification answered {Status}", status);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Key verification failed: {Reason}", e.GetType().Name);
        }
        return new(null, ApiError.Result(StatusCodes.Status503ServiceUnavailable, "API key verification is unavailable; retry shortly"));
    }

    /// <summary>
    /// Reads a key with the caller's own credential: Keys decides whether this caller may see it (its
    /// account, keys:manage), so Agents never reads a key on authority the caller lacks.
    /// </summary>
    public async Task<ManagedKeyAnswer> GetKeyAsync(string callerBearer, Guid keyId, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/keys/{keyId}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", callerBearer);
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<ManagedKey>(ct) is { } key) return new(key, null);
            var status = (int)response.StatusCode;
            if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound)
            {
                var error = await response.Content.ReadFromJsonAsync<ApiError>(ct);
                return new(null, ApiError.Result(status, error?.Message ?? "the key was refused"));
            }
            logger.LogWarning("Reading a key answered {Status}", status);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Reading a key failed: {Reason}", e.GetType().Name);
        }
        return new(null, ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Keys is unavailable; retry shortly"));
    }
}

/// <summary>
/// Hands out a <see cref="KeysClient"/> per call. Note: Wolverine's generated endpoints cannot build a
/// typed client themselves (the HttpClient factory makes it), and a singleton must not hold one for
/// ever; this singleton asks the factory for the client exactly as AddServiceClient configured it.
/// </summary>
public sealed class KeysClients(IHttpClientFactory factory, ILogger<KeysClient> logger)
{
    public Task<KeyAnswer> VerifyAsync(string key, string[] scopes, CancellationToken ct) =>
        new KeysClient(factory.CreateClient(nameof(KeysClient)), logger).VerifyAsync(key, scopes, ct);

    public Task<ManagedKeyAnswer> GetKeyAsync(string callerBearer, Guid keyId, CancellationToken ct) =>
        new KeysClient(factory.CreateClient(nameof(KeysClient)), logger).GetKeyAsync(callerBearer, keyId, ct);
}
