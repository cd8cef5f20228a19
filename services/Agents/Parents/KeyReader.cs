using System.Net.Http.Json;
using Platform.Infrastructure.Changes;
using Platform.Infrastructure.Errors;
using Platform.Sdk.ResourceServer;

namespace Platform.Agents.Parents;

/// <summary>A key as Keys' management API shows it, as far as minting under it needs.</summary>
public sealed record ManagedKey(Guid Id, Guid AccountId, string[] Scopes, string Status, DateTimeOffset? ExpiresAt);

/// <summary>Keys' answer about a key read on a manager's behalf, or Keys' refusal passed on.</summary>
public readonly record struct ManagedKeyAnswer(ManagedKey? Key, Refused? Refusal);

/// <summary>
/// Keys' <c>GET /api/keys/{id}</c> on a manager's behalf, addressed as <c>keys-api</c> through service discovery.
/// Keys' verify is the resource-server SDK's <see cref="Sdk.ResourceServer.Platform.KeysApiClient"/>, as everywhere.
/// </summary>
public sealed class KeyReader(IHttpClientFactory factory, ILogger<KeyReader> logger)
{
    public const string ServiceName = "keys-api";

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
            using var response = await factory.CreateClient(nameof(KeyReader)).SendAsync(request, ct);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<ManagedKey>(ct) is { } key) return new(key, null);
            var status = (int)response.StatusCode;
            if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound)
            {
                var error = await response.Content.ReadFromJsonAsync<Refusal>(ct);
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
