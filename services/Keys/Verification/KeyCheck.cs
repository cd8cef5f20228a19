using Platform.Keys.ApiKeys;
using Platform.Keys.Usage;
using Platform.Secrets;

namespace Platform.Keys.Verification;

/// <summary>The usable key behind a secret, or why there is none (401, or 503 when the database could not say).</summary>
public readonly record struct KeyCheckResult(ApiKey? Key, string? Problem, int Status = StatusCodes.Status401Unauthorized)
{
    /// <summary>The key the secret names when it is refused for its standing, and which: what usage counts it under.</summary>
    public ApiKey? Unusable { get; init; }

    public VerifyOutcome Standing { get; init; }

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
        KeyStatus.Revoked => Refuse(key, "API key has been revoked", VerifyOutcome.Revoked),
        KeyStatus.Suspended => Refuse(key, "API key is suspended", VerifyOutcome.Suspended),
        KeyStatus.Expired => Refuse(key, "API key has expired", VerifyOutcome.Expired),
        _ when key.ExpiresAt <= now => Refuse(key, "API key has expired", VerifyOutcome.Expired),
        _ => new(key, null),
    };

    private static KeyCheckResult Refuse(ApiKey key, string problem, VerifyOutcome standing) => new(null, problem) { Unusable = key, Standing = standing };
}
