using Marten;
using Platform.Agents.KeyAuthority;

namespace Platform.Agents.Verification;

/// <summary>
/// Adds <c>pg_notify</c> for every credential stream and key standing a session writes to that
/// session's own transaction: PostgreSQL delivers it on commit to every replica listening, never for a
/// rolled-back change. Payload: <c>c:&lt;credential id&gt;</c> or <c>k:&lt;key id&gt;</c>.
/// </summary>
public sealed class CredentialChangeNotifier : DocumentSessionListenerBase
{
    public const string Channel = "agents_changed";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        // Every stream in this service's schema is a credential's (cascades append without naming the type).
        foreach (var stream in session.PendingChanges.Streams())
            session.QueueSqlCommand("select pg_notify(?, ?)", Channel, $"c:{stream.Id}");
        foreach (var key in session.PendingChanges.AllChangedFor<KeyStanding>())
            session.QueueSqlCommand("select pg_notify(?, ?)", Channel, $"k:{key.Id}");
        return Task.CompletedTask;
    }
}
