using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.AccessTokens;

/// <summary>Tokens' published signing keys (<c>/.well-known/jwks.json</c>), addressed as <c>tokens-api</c> through service discovery.</summary>
public sealed class TokensJwksClient(HttpClient http)
{
    public const string ServiceName = "tokens-api";

    public async Task<JsonWebKeySet?> SigningKeysAsync(CancellationToken ct)
    {
        try
        {
            return new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks.json", ct));
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}

/// <summary>
/// The JWKS, cached: refetched every five minutes (Tokens publishes a next key an hour before it
/// signs) and at once, at most every ten seconds, when a token names a key not yet seen, so forged
/// kids cannot make us hammer Tokens. While no fetch has ever succeeded there is nothing to protect
/// and nothing to answer with, so a failed fetch is tried again after a second, not ten.
/// </summary>
public sealed class TokensSigningKeys(IHttpClientFactory factory, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan RetryWhileUnknown = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private volatile IReadOnlyList<SecurityKey>? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>The keys; null while Tokens has never answered.</summary>
    public async Task<IReadOnlyList<SecurityKey>?> GetAsync(string? kid, CancellationToken ct)
    {
        if (!NeedsFetch(kid)) return _keys;
        await _fetch.WaitAsync(ct);
        try
        {
            if (!NeedsFetch(kid)) return _keys;
            var set = await new TokensJwksClient(factory.CreateClient(nameof(TokensJwksClient))).SigningKeysAsync(ct);
            _fetchedAt = clock.GetUtcNow();
            if (set is not null) _keys = [.. set.GetSigningKeys()];
            return _keys;
        }
        finally
        {
            _fetch.Release();
        }
    }

    private bool NeedsFetch(string? kid)
    {
        var age = clock.GetUtcNow() - _fetchedAt;
        return _keys is null ? age >= RetryWhileUnknown
            : age >= MaxAge || (kid is not null && _keys.All(k => k.KeyId != kid) && age >= MinInterval);
    }
}

/// <summary>
/// Fetches the JWKS once at start, again every second until Tokens answers (Tokens may start after
/// this service), so the first access token is checked at once instead of waiting on that fetch, or
/// being answered 503 because it failed.
/// </summary>
public sealed class TokensSigningKeysWarmup(TokensSigningKeys signingKeys, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = clock.GetUtcNow();
        try
        {
            while (await signingKeys.GetAsync(null, stoppingToken) is null && clock.GetUtcNow() - started < GiveUpAfter)
                await Task.Delay(TokensSigningKeys.RetryWhileUnknown, clock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before Tokens answered: the first request will fetch.
        }
    }
}
