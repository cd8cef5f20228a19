using System.Collections.Concurrent;

namespace Platform.Agents.Usage;

/// <summary>
/// Counts verify outcomes per credential per minute in memory (allowed, refused by reason, and which tools the
/// refusals named); <see cref="VerifyUsageFlusher"/> writes them out in batches, so verify never waits on the
/// database. Only answers about a credential the secret names are counted: an unknown one has nothing to count against.
/// </summary>
public sealed class VerifyUsageRecorder
{
    private ConcurrentDictionary<(Guid Credential, long Minute), VerifyUsageBucket> _pending = new();

    public void Allowed(Guid credentialId, Guid accountId, DateTimeOffset at) => Bucket(credentialId, accountId, at).Allow();

    /// <summary>A refusal of a known credential, why, and the tool the refused call named, if any.</summary>
    public void Denied(Guid credentialId, Guid accountId, DateTimeOffset at, VerifyOutcome reason, string? tool) =>
        Bucket(credentialId, accountId, at).Deny(reason, tool);

    /// <summary>Takes everything counted so far; later outcomes go to fresh buckets.</summary>
    public IReadOnlyDictionary<(Guid Credential, long Minute), VerifyUsageBucket> Drain() => Interlocked.Exchange(ref _pending, new());

    private VerifyUsageBucket Bucket(Guid credentialId, Guid accountId, DateTimeOffset at) =>
        _pending.GetOrAdd((credentialId, at.ToUnixTimeSeconds() / 60), static (_, account) => new VerifyUsageBucket(account), accountId);
}

public sealed class VerifyUsageBucket(Guid accountId)
{
    /// <summary>Distinct tool names kept per bucket; the rest are counted under <see cref="OtherTools"/>.</summary>
    public const int MaxTools = 50;
    public const string OtherTools = "*other*";
    private readonly Dictionary<string, long> _deniedTools = new(StringComparer.Ordinal);
    private long _allowed, _denied;
    // One counter per refusal reason, indexed by VerifyOutcome.
    private readonly long[] _refused = new long[(int)VerifyOutcome.WrongAgent + 1];

    public Guid AccountId => accountId;
    public long Allowed => Interlocked.Read(ref _allowed);
    public long Denied => Interlocked.Read(ref _denied);

    public CredentialRefusals Refused => new(Read(VerifyOutcome.ScopeDenied), Read(VerifyOutcome.ToolDenied), Read(VerifyOutcome.ResourceDenied),
        Read(VerifyOutcome.BudgetSpent), Read(VerifyOutcome.Revoked), Read(VerifyOutcome.Expired), Read(VerifyOutcome.Suspended), Read(VerifyOutcome.WrongAgent));

    public IReadOnlyDictionary<string, long> DeniedTools
    {
        get { lock (_deniedTools) return new Dictionary<string, long>(_deniedTools); }
    }

    public void Allow() => Interlocked.Increment(ref _allowed);

    public void Deny(VerifyOutcome reason, string? tool)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(reason, VerifyOutcome.Allowed);
        Interlocked.Increment(ref _denied);
        Interlocked.Increment(ref _refused[(int)reason]);
        if (tool is null) return;
        lock (_deniedTools)
        {
            var name = _deniedTools.ContainsKey(tool) || _deniedTools.Count < MaxTools ? tool : OtherTools;
            _deniedTools[name] = _deniedTools.GetValueOrDefault(name) + 1;
        }
    }

    private long Read(VerifyOutcome reason) => Interlocked.Read(ref _refused[(int)reason]);
}
