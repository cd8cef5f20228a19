using System.Collections.Concurrent;
using Platform.Agents.Credentials;

namespace Platform.Agents.Verification;

/// <summary>
/// Requests counted against each credential's budget, and against its ancestors' (a sub-agent spends
/// its parent's allowance too), in this replica's memory on the verify hot path.
/// Note: as with key rate limits, each replica counts on its own and a restart starts again from zero;
/// a shared counter would put a database round trip on every verification.
/// </summary>
public sealed class RequestBudget
{
    private readonly ConcurrentDictionary<Guid, long> _used = new();
    private readonly Lock _gate = new();

    /// <summary>
    /// Takes one request from the credential and every budgeted ancestor, or none when any is spent;
    /// with <paramref name="take"/> false only says whether one is left.
    /// </summary>
    public bool TryTake(AgentCredential credential, CredentialIndex index, out long? remaining, out long spentLimit, bool take = true)
    {
        (remaining, spentLimit) = (null, 0);
        var chain = credential.Lineage.Select(index.Get).Append(credential).Where(c => c?.RequestBudget is not null).Cast<AgentCredential>().ToList();
        if (chain.Count == 0) return true;
        lock (_gate)
        {
            foreach (var c in chain)
                if (_used.GetValueOrDefault(c.Id) >= c.RequestBudget)
                {
                    spentLimit = c.RequestBudget!.Value;
                    return false;
                }
            if (take) foreach (var c in chain) _used[c.Id] = _used.GetValueOrDefault(c.Id) + 1;
            remaining = chain.Min(c => c.RequestBudget!.Value - _used.GetValueOrDefault(c.Id));
            return true;
        }
    }
}
