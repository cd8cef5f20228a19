using Marten;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// Adds <c>pg_notify</c> for every key stream a session writes to that session's own transaction:
/// PostgreSQL delivers it on commit, to every replica listening, and never for a rolled-back change.
/// A change of authority also sends its <see cref="KeyAuthoritySignal"/> to Agents and Tokens.
/// </summary>
public sealed class KeyChangeNotifier : DocumentSessionListenerBase
{
    public const string Channel = "keys_changed";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        // Collected first: queueing a command adds to the very operations being enumerated.
        var streams = session.PendingChanges.Streams().Where(s => s.AggregateType == typeof(ApiKey)).ToList();
        foreach (var stream in streams)
        {
            session.QueueSqlCommand("select pg_notify(?, ?)", Channel, stream.Id.ToString());
            if (KeyAuthorityNotifier.SignalFor(stream) is { } signal)
                session.QueueSqlCommand("select pg_notify(?, ?)", KeyAuthoritySignal.Channel, signal.ToPayload());
        }
        return Task.CompletedTask;
    }
}
