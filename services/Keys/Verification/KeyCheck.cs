using Platform.Keys.ApiKeys;
using Platform.Secrets;

namespace Platform.Keys.Verification;

/// <summary>The usable key behind a secret, or why there is none (401, or 503 when the database could not say).</summary>
public readonly record struct KeyCheckResult(ApiKey? Key, string? Problem, int Status = StatusCodes.Status401Unauthorized)
{
    /// <summary>Well-formed but not in this replica's memory: the one outcome worth a database read.</summary>
    public bool IsUnknown => Key is null && ReferenceEquals(Problem, KeyCheck.NotValid);
}

public static class KeyCheck
{
    public const string NotValid = "API key is not valid";

    public static readonly KeyCheckResult Unavailable = new(null, "Key lookup is unavailable; retry shortly", StatusCodes.Status503ServiceUnavailable);

    /// <summary>From memory only; <see cref="KeyLookup"/> adds the read on a miss.</summary>
    public static KeyCheckResult Check(string secret, KeyIndex index, DateTimeOffset now)
    {
        // Shape and checksum first: a mistyped or made-up key costs no lookup.
        if (!SecretFormat.IsApiKey(secret)) return new(null, "API key is malformed");
        return index.TryFind(secret, out var key) ? Judge(key, now) : new(null, NotValid);
    }

    public static KeyCheckResult Judge(ApiKey key, DateTimeOffset now) => key.Status switch
    {
        KeyStatus.Revoked => new(null, "API key has been revoked"),
        KeyStatus.Suspended => new(null, "API key is suspended"),
        KeyStatus.Expired => new(null, "API key has expired"),
        _ when key.ExpiresAt <= now => new(null, "API key has expired"),
        _ => new(key, null),
    };
}
