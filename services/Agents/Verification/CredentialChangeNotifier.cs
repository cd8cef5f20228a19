using Marten;
using Platform.Agents.Accounts;
using Platform.Agents.KeyAuthority;
using Platform.Contracts.Keys;

namespace Platform.Agents.Verification;

/// <summary>
/// Adds <c>pg_notify</c> for every credential stream, key standing and account standing a session writes to that
/// session's own transaction: PostgreSQL delivers it on commit to every replica listening, never for a
/// rolled-back change. Payload: <c>c:&lt;credential id&gt;</c>, <c>k:&lt;key id&gt;</c> or <c>a:&lt;account id&gt;</c>.
/// </summary>
public sealed class CredentialChangeNotifier : DocumentSessionListenerBase
{
    public const string Channel = "agents_changed";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        // Every stream in this service's schema is a credential's (cascades append without naming the type).
        // Collected first: queueing a command adds to the very operations being enumerated.
        var payloads = session.PendingChanges.Streams().Select(s => $"c:{s.Id}")
            .Concat(session.PendingChanges.AllChangedFor<KeyStanding>().Select(k => $"k:{k.Id}"))
            .Concat(session.PendingChanges.AllChangedFor<AccountStanding>().Select(a => $"a:{a.Id}")).ToList();
        foreach (var payload in payloads) session.QueueSqlCommand("select pg_notify(?, ?)", Channel, payload);
        return Task.CompletedTask;
    }
}
