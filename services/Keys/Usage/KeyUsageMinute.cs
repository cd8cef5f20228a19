namespace Platform.Keys.Usage;

/// <summary>
/// One replica's verifications of one key in one minute. Each replica writes only its own rows, so
/// replicas never contend; reads add the replicas up.
/// </summary>
public sealed record KeyUsageMinute(string Id, Guid KeyId, Guid AccountId, DateTimeOffset Minute, long Count, DateTimeOffset LastUsedAt, string? LastIp, string[] Ips)
{
    public static string IdFor(Guid keyId, long minute, string replica) => $"{keyId:N}:{minute}:{replica}";
}
