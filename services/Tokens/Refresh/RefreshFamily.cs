namespace Platform.Tokens.Refresh;

public sealed record FamilyStarted(Guid FamilyId, Guid AccountId, Guid ClientId, string Subject, string[] Scopes, string TokenHash, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, string? Resource = null);

public sealed record FamilyRotated(Guid FamilyId, string TokenHash, DateTimeOffset RotatedAt);

public sealed record FamilyRevoked(Guid FamilyId, string Reason, string Actor, DateTimeOffset RevokedAt);

/// <summary>
/// One sign-in's chain of refresh tokens (RFC 9700 §4.14.2): only the newest works; presenting an
/// older one means it leaked, and the whole family ends.
/// </summary>
public sealed record RefreshFamily(
    Guid Id, Guid AccountId, Guid ClientId, string Subject, string[] Scopes, string CurrentHash,
    DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, DateTimeOffset LastRotatedAt)
{
    public long Version { get; init; }

    /// <summary>Every earlier token's hash, newest last: the last one is honoured within the reuse grace.</summary>
    public IReadOnlyList<string> EarlierHashes { get; init; } = [];

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>RFC 8707: the resource server every token of this sign-in is for, when one was named.</summary>
    public string? Resource { get; init; }

    public static RefreshFamily Create(FamilyStarted e) =>
        new(e.FamilyId, e.AccountId, e.ClientId, e.Subject, e.Scopes, e.TokenHash, e.StartedAt, e.ExpiresAt, e.StartedAt) { Resource = e.Resource };

    public RefreshFamily Apply(FamilyRotated e) =>
        this with { EarlierHashes = [.. EarlierHashes, CurrentHash], CurrentHash = e.TokenHash, LastRotatedAt = e.RotatedAt };

    public RefreshFamily Apply(FamilyRevoked e) => this with { RevokedAt = e.RevokedAt };
}
