using System.Text.Json;

namespace Platform.Sdk.Client.Keys;

/// <summary>Create a key. <paramref name="Environment"/> is "live" or "test"; scopes default to none.</summary>
public sealed record IssueKeyRequest(string Name, string Environment = KeyEnvironments.Live, IReadOnlyList<string>? Scopes = null,
    DateTimeOffset? ExpiresAt = null, RateLimit? RateLimit = null, IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record RateLimit(int Limit, int WindowSeconds);

/// <summary>The only answer that ever holds the secret: keep it now, it is never shown again.</summary>
public sealed record IssuedKey(Guid Id, string Secret, string Display, string Name, string Environment, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    // Note: records print every property; this one must not print the secret.
    public override string ToString() => $"IssuedKey {{ Id = {Id}, Display = {Display}, Name = {Name} }}";
}

/// <summary>A key as the API shows it. <see cref="Version"/> is what to send back as the expected version.</summary>
public sealed record KeyView(
    Guid Id, Guid AccountId, string Name, string Environment, string[] Scopes, string Status, string Display,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, long Version, Guid? PredecessorId, Guid? SuccessorId,
    RateLimit? RateLimit, IReadOnlyDictionary<string, string>? Metadata, bool RotationDue);

public sealed record KeyPage(IReadOnlyList<KeyView> Items, Guid? Next);

/// <summary>Filters for listing keys; null means no filter.</summary>
/// <summary><see cref="Search"/> matches a name (case-insensitive, within it), the last characters of the secret, or an id.</summary>
public sealed record KeyListQuery(string? Environment = null, string? Status = null, int? PageSize = null, string? Search = null);

public sealed record KeyHistoryEntry(long Version, string Event, DateTimeOffset At, string Actor, IReadOnlyDictionary<string, JsonElement> Details);

/// <summary>
/// Refused verifications of a known key, by reason: its rate limit (429), a scope it lacks (403), and its standing
/// (401: revoked; suspended, quarantined or suspended with its account; expired). Malformed or unknown keys are not counted.
/// </summary>
public sealed record KeyRefusals(long RateLimited, long ScopeDenied, long Revoked, long Suspended, long Expired)
{
    public static readonly KeyRefusals None = new(0, 0, 0, 0, 0);

    public long Total => RateLimited + ScopeDenied + Revoked + Suspended + Expired;
}

/// <summary>One bucket of a series, from <see cref="Minute"/> (its first minute): <see cref="Count"/> admitted, <see cref="Refused"/> by reason.</summary>
public sealed record UsagePoint(DateTimeOffset Minute, long Count, KeyRefusals Refused);

/// <summary>A key's verifications over [From, To): <see cref="Total"/> admitted, <see cref="Refused"/>, and the series in buckets of <see cref="BucketMinutes"/> (only buckets with any).</summary>
public sealed record KeyUsage(Guid KeyId, DateTimeOffset From, DateTimeOffset To, long Total, DateTimeOffset? LastUsedAt, string? LastIp, IReadOnlyList<string> Ips,
    IReadOnlyList<UsagePoint> Minutes, KeyRefusals Refused, int BucketMinutes);

/// <summary>The account's verifications over [From, To): totals and series over all its keys, and each key that had any with its own.</summary>
public sealed record AccountUsage(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KeyUsageTotal> Keys, long Total, KeyRefusals Refused,
    int BucketMinutes, IReadOnlyList<UsagePoint> Minutes);

/// <summary>One key's part of <see cref="AccountUsage"/>; <see cref="LastUsedAt"/> is null when it was only refused.</summary>
public sealed record KeyUsageTotal(Guid KeyId, long Total, DateTimeOffset? LastUsedAt, KeyRefusals Refused, IReadOnlyList<UsagePoint> Minutes);

public static class KeyEnvironments
{
    public const string Live = "live";
    public const string Test = "test";
}

public static class KeyStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
}
