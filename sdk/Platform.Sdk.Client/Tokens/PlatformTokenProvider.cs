using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace Platform.Sdk.Client.Tokens;

/// <summary>
/// Access tokens for calling platform-protected APIs: client_credentials (HTTP Basic) when a client id
/// and secret are configured, otherwise the API key exchange (<c>POST /api/auth/v1/token</c>). The
/// token is cached and replaced <see cref="PlatformOptions.RefreshBeforeExpiry"/> (60 s) before it
/// expires, by one request however many callers are waiting. Thread-safe; one per application.
/// </summary>
public sealed class PlatformTokenProvider
{
    /// <summary>The named HttpClient the DI registration uses to reach the token endpoint.</summary>
    public const string HttpClientName = "Platform.Sdk.Client.Tokens";

    private readonly Func<HttpClient> _http;
    private readonly PlatformOptions _options;
    private readonly TimeProvider _time;
    private readonly SingleFlightSecret _token;

    public PlatformTokenProvider(HttpClient http, PlatformOptions options, TimeProvider? time = null)
        : this(() => http, options, time) => ArgumentNullException.ThrowIfNull(http);

    internal PlatformTokenProvider(Func<HttpClient> http, PlatformOptions options, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _http = http;
        _time = time ?? TimeProvider.System;
        _token = new SingleFlightSecret(_ => FetchAsync(), _time, options.RefreshBeforeExpiry);
    }

    /// <summary>A token valid for at least the refresh lead (or half its lifetime, if shorter).</summary>
    public ValueTask<string> GetTokenAsync(CancellationToken ct = default) => _token.GetAsync(ct);

    /// <summary>When the cached token expires; null before the first one.</summary>
    public DateTimeOffset? ExpiresAt => _token.ExpiresAt;

    /// <summary>A downstream API refused <paramref name="token"/>: the next caller gets a new one.</summary>
    public void Invalidate(string token) => _token.Invalidate(token);

    private async Task<(string, DateTimeOffset)> FetchAsync()
    {
        var requestedAt = _time.GetUtcNow();
        using var request = _options.UsesClientCredentials ? ClientCredentials() : ApiKeyExchange();
        using var response = await _http().SendAsync(request, CancellationToken.None);
        if (!response.IsSuccessStatusCode) throw await ApiTransport.ErrorAsync(response, CancellationToken.None);
        var (token, expiresIn) = _options.UsesClientCredentials
            ? (await ApiTransport.ReadAsync<OAuthToken>(response, CancellationToken.None)).Parts
            : (await ApiTransport.ReadAsync<SimcelToken>(response, CancellationToken.None)).Parts;
        if (string.IsNullOrEmpty(token) || expiresIn <= 0)
            throw new PlatformApiException(response.StatusCode, PlatformApiException.InvalidResponse, "the token endpoint answered without a token or a positive lifetime");
        return (token, requestedAt.AddSeconds(expiresIn));
    }

    private HttpRequestMessage ClientCredentials()
    {
        var form = new Dictionary<string, string> { [TokenEndpoints.GrantType] = TokenEndpoints.ClientCredentials };
        if (_options.Scopes.Count > 0) form[TokenEndpoints.Scope] = string.Join(' ', _options.Scopes);
        // RFC 6749 §2.3.1: each part form-url-encoded before Base64.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(_options.ClientId!)}:{Uri.EscapeDataString(_options.ClientSecret!)}"));
        return new HttpRequestMessage(HttpMethod.Post, Endpoint(TokenEndpoints.OAuthToken))
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
        };
    }

    private HttpRequestMessage ApiKeyExchange() => new(HttpMethod.Post, Endpoint(TokenEndpoints.ApiKeyExchange))
    {
        Content = JsonContent.Create(new { apiKey = _options.ApiKey, scopes = _options.Scopes.Count > 0 ? _options.Scopes : null }, options: ApiTransport.Json),
    };

    private Uri Endpoint(string relative)
    {
        var root = _options.Url!.AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), relative);
    }

    private sealed record OAuthToken(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn)
    {
        public (string?, int) Parts => (AccessToken, ExpiresIn);
    }

    private sealed record SimcelToken(string? AccessToken, int ExpiresIn)
    {
        public (string?, int) Parts => (AccessToken, ExpiresIn);
    }
}
