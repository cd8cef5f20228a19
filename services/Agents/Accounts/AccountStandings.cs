using System.Collections.Concurrent;

namespace Platform.Agents.Accounts;

/// <summary>
/// Every account this replica has heard of and whether it is suspended, in memory: verify, refresh, restrict and
/// mint ask here, with no database read. Fed by Keys' fast signal (<see cref="AccountStandingSignals"/>) and by
/// the documents the durable handlers write (<see cref="Verification.CredentialIndexSync"/>).
/// </summary>
public sealed class AccountStandings
{
    private readonly ConcurrentDictionary<Guid, AccountStanding> _accounts = new();

    public bool IsSuspended(Guid accountId) => _accounts.TryGetValue(accountId, out var standing) && standing.Suspended;

    /// <summary>Keeps <paramref name="next"/> unless a newer version is known; true when it newly suspends the account.</summary>
    public bool Apply(AccountStanding next)
    {
        while (true)
        {
            var known = _accounts.GetValueOrDefault(next.Id);
            if (known is not null && known.Version >= next.Version) return false;
            if (known is null ? _accounts.TryAdd(next.Id, next) : _accounts.TryUpdate(next.Id, next, known))
                return next.Suspended && known?.Suspended != true;
        }
    }
}
