using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer.Caching;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Secrets;

namespace Platform.Sdk.ResourceServer.Credentials;

/// <summary>
/// <c>sk_live_</c> / <c>sk_test_</c>: the checksum here, then Keys' verify, whose acceptance is reused
/// while Keys' feed is connected. Note: a key with a rate limit (every sandbox key by default) is asked
/// about on every request, so Keys counts each one; a reused acceptance of any other key is not counted
/// in its usage (the cache TTL bounds that).
/// </summary>
public sealed class ApiKeyVerifier(KeysApiClient keys, AcceptanceCache<VerifiedKey> cache, IOptions<PlatformAuthenticationOptions> options, TimeProvider clock)
{
    public async Task<CredentialCheck> CheckAsync(string secret, string? clientIp, CancellationToken ct)
    {
        if (!SecretFormat.IsApiKey(secret))
            return CredentialCheck.Unauthorized("API key is malformed");
        var fingerprint = SecretFormat.Hash(secret);
        if (cache.Find(fingerprint) is { } cached) return CredentialCheck.Accept(Principal(cached));

        var generation = cache.Generation;
        var (key, refusal) = await keys.VerifyAsync(secret, [], clientIp, ct);
        if (key is null) return CredentialCheck.Refuse(refusal!);
        if (key.RateLimit is not null) return CredentialCheck.Accept(Principal(key));
        var until = clock.GetUtcNow() + options.Value.CacheTtl;
        cache.Store(fingerprint, key, [new(key.KeyId, key.Version)], key.ExpiresAt is { } expires && expires < until ? expires : until, generation);
        return CredentialCheck.Accept(Principal(key));
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(VerifiedKey key) => PlatformClaims.Principal("api_key", $"key:{key.KeyId}", key.Scopes,
        (PlatformClaims.KeyId, key.KeyId.ToString()), (PlatformClaims.AccountId, key.AccountId.ToString()));
}
