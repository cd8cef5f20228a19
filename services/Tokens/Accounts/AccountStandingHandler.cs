using Marten;
using Platform.Contracts.Accounts;

namespace Platform.Tokens.Accounts;

/// <summary>
/// Keeps each account's standing from Keys' account events (durable, on the <c>tokens</c> queue). Every
/// replica hears of the stored change through <c>tokens_changed</c>. Redelivery and reordering are harmless:
/// a standing only moves to a newer version, so a late, older event never undoes a newer one.
/// </summary>
public static class AccountStandingHandler
{
    public static Task Handle(AccountOpened e, IDocumentSession session, CancellationToken ct) =>
        Apply(session, e.AccountId, known => AccountStanding.Opened(known, e), ct);

    public static Task Handle(AccountSuspended e, IDocumentSession session, CancellationToken ct) =>
        Apply(session, e.AccountId, known => AccountStanding.After(known, e.AccountId, suspended: true, e.SourceVersion), ct);

    public static Task Handle(AccountReinstated e, IDocumentSession session, CancellationToken ct) =>
        Apply(session, e.AccountId, known => AccountStanding.After(known, e.AccountId, suspended: false, e.SourceVersion), ct);

    /// <summary>
    /// Note: two events of one account handled at once (replicas compete for the queue) must not let the older
    /// one's write land last: the document is versioned, a new one inserted, so the loser fails, re-reads and decides again.
    /// </summary>
    private static async Task Apply(IDocumentSession session, Guid accountId, Func<AccountStanding?, AccountStanding?> decide, CancellationToken ct)
    {
        var known = await session.LoadAsync<AccountStanding>(accountId, ct);
        if (decide(known) is not { } next) return;
        if (known is null) session.Insert(next);
        else session.Store(next);
    }
}
