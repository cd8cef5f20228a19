using Platform.Contracts.Keys;

namespace Platform.Audit.Usage;

/// <summary>The latest report of one replica for one key and minute (a later, higher count supersedes it).</summary>
public sealed record KeyUsageMinuteReport(string Id, Guid KeyId, Guid AccountId, DateTimeOffset Minute, string Replica, long Count, DateTimeOffset LastUsedAt, string[] Ips)
{
    public static string IdFor(Guid keyId, DateTimeOffset minute, string replica) => $"{keyId:N}:{minute.ToUnixTimeSeconds() / 60}:{replica}";

    public static KeyUsageMinuteReport From(KeyUsageReported r) =>
        new(IdFor(r.KeyId, r.Minute, r.Replica), r.KeyId, r.AccountId, r.Minute, r.Replica, r.Count, r.LastUsedAt, [.. r.Ips]);
}

/// <summary>The IP ranges a key has been used from: what "never used" is measured against.</summary>
public sealed record KeyUsageProfile(Guid Id, Guid AccountId, string[] KnownRanges);
