using Marten;
using Marten.Services;
using Platform.Agents.Accounts;
using Platform.Agents.Credentials;

namespace Platform.Agents.Verification;

/// <summary>
/// The replica that commits a change to a credential (a revocation, a refresh, a cascade) or to an account's
/// standing holds it in its index before it answers, so its very next verify sees it; other replicas follow through
/// <see cref="CredentialIndexSync"/>, and the index keeps the newer version either way.
/// </summary>
public sealed class AppliedOnCommit(CredentialIndex index) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken ct)
    {
        // An account's standing too: the replica that handled a suspension or reinstatement mints accordingly at once.
        foreach (var standing in commit.Inserted.Concat(commit.Updated).OfType<AccountStanding>()) index.Accounts.Apply(standing);
        // Every stream in this service's schema is a credential's (cascades append without naming the type).
        var ids = commit.GetStreams().Select(s => s.Id).Distinct().ToList();
        if (ids.Count == 0) return;
        await using var query = session.DocumentStore.QuerySession();
        foreach (var credential in await query.LoadManyAsync<AgentCredential>(ct, ids)) index.Upsert(credential);
    }
}
