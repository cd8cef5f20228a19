using Marten;
using Platform.Agents.Credentials;
using Platform.Agents.KeyAuthority;
using Platform.Contracts.Accounts;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Platform.Agents.Accounts;

/// <summary>
/// Keys' account lifecycle, from the durable agents queue. Each account's standing is stored (the newer version
/// wins); a suspension also revokes every live credential of the account, at any depth (cause
/// <see cref="RevocationCauses.AccountSuspended"/>), announced like any cascade. Agent credentials are short-lived:
/// a reinstatement lifts the refusal for new ones and brings none back. Redelivery finds nothing left to revoke.
/// </summary>
public static class FollowAccountsHandler
{
    public static IMartenOp Handle(AccountOpened e, [Entity(nameof(AccountOpened.AccountId), Required = false)] AccountStanding? stored) =>
        Change(stored, e.AccountId, suspended: false, e.SourceVersion).Op;

    public static IMartenOp Handle(AccountReinstated e, [Entity(nameof(AccountReinstated.AccountId), Required = false)] AccountStanding? stored) =>
        Change(stored, e.AccountId, suspended: false, e.SourceVersion).Op;

    public static async Task<(OutgoingMessages, IEnumerable<IMartenOp>)> Handle(AccountSuspended e, IDocumentSession session, CancellationToken ct)
    {
        var (standing, op) = Change(await session.LoadAsync<AccountStanding>(e.AccountId, ct), e.AccountId, suspended: true, e.SourceVersion);
        var active = await session.Query<AgentCredential>().Where(c => c.AccountId == e.AccountId && c.Status == CredentialStatus.Active).ToListAsync(ct);
        var cascade = Cascade.Revoke(Ended(active, standing, e.OccurredAt), RevocationCauses.AccountSuspended, e.AccountId, e.EventId,
            FollowKeyAuthorityHandler.Actor, e.OccurredAt);
        return (cascade.Announcements, [op, .. cascade.Appends]);
    }

    /// <summary>
    /// The pure decision: insert, update or leave the standing. It has optimistic concurrency (see the module): of two
    /// events about one account handled at once, the loser is retried, reads again, and the versions decide.
    /// </summary>
    public static (AccountStanding Standing, IMartenOp Op) Change(AccountStanding? stored, Guid accountId, bool suspended, long version)
    {
        var known = stored ?? AccountStanding.Unknown(accountId);
        var changed = known.With(suspended, version);
        return (changed, ReferenceEquals(changed, known) ? MartenOps.Nothing() : stored is null ? MartenOps.Insert(changed) : MartenOps.Update(changed));
    }

    /// <summary>
    /// The credentials a suspension ends: all active ones while the account stands suspended; when a newer
    /// reinstatement was handled first, those minted before the suspension (they lived through it, so they are over),
    /// never those minted since.
    /// </summary>
    public static IEnumerable<AgentCredential> Ended(IEnumerable<AgentCredential> active, AccountStanding standing, DateTimeOffset suspendedAt) =>
        standing.Suspended ? active : active.Where(c => c.CreatedAt <= suspendedAt);
}
