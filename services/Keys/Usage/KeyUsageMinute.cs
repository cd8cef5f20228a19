namespace Platform.Keys.Usage;

/// <summary>
/// One replica's verifications of one key in one minute: <see cref="Count"/> admitted (with the last use and
/// up to 20 addresses), <see cref="Refused"/> by reason. Each replica writes only its own rows, so replicas
/// never contend; reads add the replicas up.
/// </summary>
public sealed record KeyUsageMinute(string Id, Guid KeyId, Guid AccountId, DateTimeOffset Minute, long Count, DateTimeOffset? LastUsedAt, string? LastIp, string[] Ips)
{
    /// <summary>Rows written before refusals were counted have none.</summary>
    public KeyRefusals Refused { get; init; } = KeyRefusals.None;

    public static string IdFor(Guid keyId, long minute, string replica) => $"{keyId:N}:{minute}:{replica}";
}
