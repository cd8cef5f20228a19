using Marten;
using Npgsql;
using Platform.Contracts.Accounts;
using Platform.Infrastructure.Changes;
using Platform.Tokens.Accounts;

namespace Platform.Tokens.State;

/// <summary>
/// Keys' fast signal (<see cref="AccountStandingSignal"/>), applied to this replica's denylist the moment Keys
/// commits a suspension or reinstatement: the account's tokens are refused (introspection, grants, management, the
/// feed to resource servers) within milliseconds, not after the durable event's trip through the queue.
/// </summary>
public sealed class AccountStandingSignals(NpgsqlDataSource dataSource, IDocumentStore store, Denylist denylist, ChangeFeed feed, ILogger<AccountStandingSignals> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => AccountStandingSignal.Channel;

    /// <summary>Signals missed while disconnected arrive as durable events too; meanwhile the documents say what is already known.</summary>
    public override async Task LoadAllAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        foreach (var account in await session.Query<AccountStanding>().ToListAsync(ct)) denylist.Set(account);
    }

    protected override Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        foreach (var signal in payloads.Select(AccountStandingSignal.FromPayload).OfType<AccountStandingSignal>().Where(s => s.AccountId != Guid.Empty))
            if (denylist.Apply(signal) is { } standing) feed.Publish([TokenChangesEndpoint.AccountChanged(standing)]);
        return Task.CompletedTask;
    }
}
