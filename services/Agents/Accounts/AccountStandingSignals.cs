using Marten;
using Npgsql;
using Platform.Agents.Verification;
using Platform.Contracts.Accounts;
using Platform.Infrastructure.Changes;

namespace Platform.Agents.Accounts;

/// <summary>
/// Keys' fast signal that an account was suspended or reinstated (<see cref="AccountStandingSignal"/>), applied to
/// this replica's memory the moment Keys commits, so the account's agent credentials are refused within
/// milliseconds rather than after the durable event's trip through the queue; then each of its live credentials
/// is announced on the revocation feed, so resource servers drop what they cached.
/// </summary>
/// <remarks>
/// On (re)connect the standings the durable handlers stored are loaded: a signal missed meanwhile is there once its
/// event is handled (and that event also revokes the credentials, announcing each).
/// </remarks>
public sealed class AccountStandingSignals(NpgsqlDataSource dataSource, IDocumentStore store, CredentialIndex index, ChangeFeed feed, ILogger<AccountStandingSignals> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => AccountStandingSignal.Channel;

    public override async Task LoadAllAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        foreach (var standing in await session.Query<AccountStanding>().ToListAsync(ct)) index.Accounts.Apply(standing);
    }

    protected override Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        var suspended = payloads.Select(AccountStandingSignal.FromPayload).OfType<AccountStandingSignal>()
            .Where(s => index.Accounts.Apply(new AccountStanding(s.AccountId, s.Suspended, s.Version))).Select(s => s.AccountId).ToList();
        feed.Publish(suspended.SelectMany(account => Announce(index, account)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Each live credential of a newly suspended account, as a <c>credential</c> event without a version (none of them
    /// changed yet): enough for a resource server to evict what it cached.
    /// </summary>
    public static IEnumerable<FeedEvent> Announce(CredentialIndex index, Guid accountId) =>
        index.LiveOf(accountId).Select(c => CredentialChangesEndpoint.CredentialChanged(c.Id, null));
}
