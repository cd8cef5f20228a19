using Marten;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// Adds <c>pg_notify</c> for every key stream a session writes to that session's own transaction:
/// PostgreSQL delivers it on commit, to every replica listening, and never for a rolled-back change.
/// </summary>
public sealed class KeyChangeNotifier : DocumentSessionListenerBase
{
    public const string Channel = "keys_changed";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        foreach (var stream in session.PendingChanges.Streams().Where(s => s.AggregateType == typeof(ApiKey)))
            session.QueueSqlCommand("select pg_notify(?, ?)", Channel, stream.Id.ToString());
        return Task.CompletedTask;
    }
}
