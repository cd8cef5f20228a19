using Platform.Keys.ApiKeys;
using Platform.Keys.Verification;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;

namespace Platform.Keys.Access;

/// <summary>
/// An access token exchanged for an API key acts as that key, so here, where every key is at hand
/// (memory, or one read for a key made a moment ago), it works only while the key does and only with
/// the scopes the key still holds.
/// </summary>
public sealed class KeyBackedTokens(JwksAccessTokenValidator inner, KeyLookup keys, TimeProvider clock) : IAccessTokenValidator
{
    public async Task<AccessTokenOutcome> ValidateAsync(string token, CancellationToken ct)
    {
        var outcome = await inner.ValidateAsync(token, ct);
        if (outcome.Token is not { KeyId: { } keyId } valid) return outcome;
        var read = await keys.FindAsync(keyId, ct);
        if (read.Unavailable) return new(null, ApiError.For(KeyCheck.Unavailable.Status, KeyCheck.Unavailable.Problem!));
        if (read.Value is not { Status: KeyStatus.Active } key || key.ExpiresAt <= clock.GetUtcNow())
            return AccessTokenOutcome.Refuse("Bearer token's API key is no longer active");
        return new(valid with { Scopes = [.. valid.Scopes.Where(key.Scopes.Contains)] }, null);
    }
}
