using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.Sdk.ResourceServer.Platform;

namespace Platform.Sdk.ResourceServer.AccessTokens;

/// <summary>
/// Tokens' issuer and published signing keys, from discovery's <c>jwks_uri</c>: fetched on first use,
/// again after <see cref="PlatformAuthenticationOptions.JwksRefreshInterval"/>, and again when a token
/// names a <c>kid</c> not yet seen (at most every 10 s, so forged kids cannot make us hammer Tokens).
/// </summary>
public sealed class SigningKeys(IHttpClientFactory http, IOptions<PlatformAuthenticationOptions> options, TimeProvider clock, ILogger<SigningKeys> logger)
{
    private static readonly TimeSpan UnknownKidPause = TimeSpan.FromSeconds(10);

    public sealed record Ring(string Issuer, IReadOnlyList<JsonWebKey> Keys, DateTimeOffset FetchedAt)
    {
        public bool Has(string? kid) => Keys.Any(k => k.Kid == kid);
    }

    private sealed record Discovery([property: JsonPropertyName("issuer")] string? Issuer, [property: JsonPropertyName("jwks_uri")] string? JwksUri);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile Ring? _ring;

    /// <summary>The current ring, refreshed first when stale or when it lacks <paramref name="kid"/>; null when Tokens cannot be reached.</summary>
    public async Task<Ring?> ForAsync(string? kid, CancellationToken ct)
    {
        var ring = _ring;
        if (ring is not null && !Stale(ring, kid)) return ring;
        await _fetching.WaitAsync(ct);
        try
        {
            ring = _ring;
            if (ring is not null && !Stale(ring, kid)) return ring;
            return _ring = await FetchAsync(ct) ?? ring;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private bool Stale(Ring ring, string? kid)
    {
        var age = clock.GetUtcNow() - ring.FetchedAt;
        return age > options.Value.JwksRefreshInterval || (!ring.Has(kid) && age > UnknownKidPause);
    }

    private async Task<Ring?> FetchAsync(CancellationToken ct)
    {
        try
        {
            var client = http.CreateClient(nameof(TokensApiClient));
            var discovery = await client.GetFromJsonAsync<Discovery>("/.well-known/oauth-authorization-server", ct);
            if (discovery?.Issuer is null || discovery.JwksUri is null) return null;
            var set = new JsonWebKeySet(await client.GetStringAsync(discovery.JwksUri, ct));
            return new Ring(discovery.Issuer, [.. set.Keys], clock.GetUtcNow());
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or ArgumentException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not fetch the platform's signing keys: {Reason}", e.Message);
            return null;
        }
    }
}
