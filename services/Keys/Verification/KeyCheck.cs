using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>The usable key behind a secret, or why there is none (every reason is a 401).</summary>
public readonly record struct KeyCheckResult(ApiKey? Key, string? Problem);

public static class KeyCheck
{
    public static KeyCheckResult Check(string secret, KeyIndex index, DateTimeOffset now)
    {
        // Shape and checksum first: a mistyped or made-up key costs no lookup.
        if (!KeySecret.IsWellFormed(secret)) return new(null, "API key is malformed");
        if (!index.TryFind(secret, out var key)) return new(null, "API key is not valid");
        return key.Status switch
        {
            KeyStatus.Revoked => new(null, "API key has been revoked"),
            KeyStatus.Suspended => new(null, "API key is suspended"),
            KeyStatus.Expired => new(null, "API key has expired"),
            _ when key.ExpiresAt <= now => new(null, "API key has expired"),
            _ => new(key, null),
        };
    }
}
