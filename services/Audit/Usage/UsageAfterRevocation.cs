using Marten;

namespace Platform.Audit.Usage;

/// <summary>Was the key used after it was revoked: the reported minutes whose last use came after the revocation.</summary>
public sealed record RevokedKeyUse(bool Used, DateTimeOffset RevokedAt, DateTimeOffset? LastUsedAt, IReadOnlyList<string> Ips);

public static class UsageAfterRevocation
{
    public static async Task<RevokedKeyUse> FindAsync(IQuerySession session, Guid keyId, DateTimeOffset revokedAt, CancellationToken ct)
    {
        var after = await session.Query<KeyUsageMinuteReport>().Where(r => r.KeyId == keyId && r.LastUsedAt > revokedAt).ToListAsync(ct);
        return new(after.Count > 0, revokedAt, after.Count > 0 ? after.Max(r => r.LastUsedAt) : null, [.. after.SelectMany(r => r.Ips).Distinct()]);
    }
}
