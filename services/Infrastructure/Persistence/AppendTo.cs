using Marten;
using Wolverine.Marten;

namespace Platform.Infrastructure.Persistence;

/// <summary>
/// A pure decision's event for a stream other than the one its endpoint loads (an account suspending its keys, a
/// credential revoking the ones narrowed from it), returned as a side effect Wolverine applies in its transaction.
/// The append names the version the decision read, so a stream changed meanwhile fails the whole commit rather than
/// take an event decided on what it no longer is. Unlike <c>MartenOps.Append</c> it names the stream's aggregate, as
/// <c>FetchForWriting</c> does, so the session listeners that signal a key's or a credential's change see it.
/// </summary>
public sealed record AppendTo<TAggregate>(Guid StreamId, long ReadVersion, object Event) : IMartenOp where TAggregate : class
{
    public void Execute(IDocumentSession session) =>
        session.Events.Append(StreamId, ReadVersion + 1, Event).AggregateType = typeof(TAggregate);
}

/// <summary>The other streams' side of a decision: the appends Wolverine applies in its transaction, and their announcements.</summary>
public sealed record Fanout(List<IMartenOp> Appends, Wolverine.OutgoingMessages Announcements)
{
    public static Fanout Empty => new([], []);

    /// <summary>As a handler returns them: Wolverine sends the messages and applies the appends, all in one transaction.</summary>
    public (Wolverine.OutgoingMessages, IEnumerable<IMartenOp>) Effects => (Announcements, Appends);

    public void Add(IMartenOp append, object announcement)
    {
        Appends.Add(append);
        Announcements.Add(announcement);
    }
}
