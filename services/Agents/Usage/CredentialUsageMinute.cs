namespace Platform.Agents.Usage;

/// <summary>
/// One replica's verify outcomes for one credential in one minute: <see cref="Allowed"/>, <see cref="Denied"/>
/// (every refusal) and <see cref="Refused"/> (the same by reason). Each replica writes only its own rows, so
/// replicas never contend; reads add the replicas up.
/// </summary>
public sealed record CredentialUsageMinute(string Id, Guid CredentialId, Guid AccountId, DateTimeOffset Minute, long Allowed, long Denied, Dictionary<string, long> DeniedTools)
{
    /// <summary>Rows written before refusals were told apart count theirs in <see cref="Denied"/> only.</summary>
    public CredentialRefusals Refused { get; init; } = CredentialRefusals.None;

    public static string IdFor(Guid credentialId, long minute, string replica) => $"{credentialId:N}:{minute}:{replica}";

    /// <summary>A row with what a bucket counted since the last flush added on.</summary>
    public static CredentialUsageMinute Merge(string id, Guid credentialId, long minute, VerifyUsageBucket bucket, CredentialUsageMinute? before)
    {
        var tools = new Dictionary<string, long>(before?.DeniedTools ?? [], StringComparer.Ordinal);
        foreach (var (tool, count) in bucket.DeniedTools)
        {
            var name = tools.ContainsKey(tool) || tools.Count < VerifyUsageBucket.MaxTools ? tool : VerifyUsageBucket.OtherTools;
            tools[name] = tools.GetValueOrDefault(name) + count;
        }
        return new(id, credentialId, bucket.AccountId, DateTimeOffset.FromUnixTimeSeconds(minute * 60),
            (before?.Allowed ?? 0) + bucket.Allowed, (before?.Denied ?? 0) + bucket.Denied, tools)
        {
            Refused = (before?.Refused ?? CredentialRefusals.None) + bucket.Refused,
        };
    }
}
