using JasperFx.Events;
using Marten;
using Platform.Contracts.Accounts;

namespace Platform.Keys.Accounts;

/// <summary>
/// Adds the <see cref="AccountStandingSignal"/> of every account stream a session suspends or reinstates to that
/// session's own transaction: PostgreSQL delivers it on commit to Tokens and Agents, never for a rolled-back change.
/// </summary>
public sealed class AccountStandingNotifier : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        // Collected first: queueing a command adds to the very operations being enumerated.
        var streams = session.PendingChanges.Streams().Where(s => s.AggregateType == typeof(Account)).ToList();
        foreach (var stream in streams)
            if (SignalFor(stream) is { } signal)
                session.QueueSqlCommand("select pg_notify(?, ?)", AccountStandingSignal.Channel, signal.ToPayload());
        return Task.CompletedTask;
    }

    /// <summary>Pure: the signal of a stream's pending events, or none when they do not change its standing.</summary>
    public static AccountStandingSignal? SignalFor(StreamAction stream)
    {
        var version = stream.ActionType == StreamActionType.Start ? stream.Events.Count
            : stream.ExpectedVersionOnServer is { } start ? start + stream.Events.Count : 0;
        bool? suspended = null;
        foreach (var e in stream.Events)
            suspended = e.Data switch
            {
                AccountWasSuspended => true,
                AccountWasReinstated => false,
                _ => suspended,
            };
        return version == 0 || suspended is not { } s ? null : new AccountStandingSignal(stream.Id, version, s);
    }
}
