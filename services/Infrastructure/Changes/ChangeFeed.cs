using System.Threading.Channels;

namespace Platform.Infrastructure.Changes;

/// <summary>
/// One change a subscriber must hear of: what kind of thing changed, its id and, where the service
/// versions it, the version it changed to (sent as <c>data: &lt;id&gt; &lt;version&gt;</c>). Never a secret.
/// </summary>
public sealed record FeedEvent(string Kind, string Id, long? Version = null)
{
    /// <summary>Who may hear it: only subscribers of this audience (an account), or, when null, only those of none.</summary>
    public string? Audience { get; init; }

    public string Data => Version is { } v ? $"{Id} {v}" : Id;
}

/// <summary>
/// This replica's fan-out from its LISTEN connection to every connected SSE subscriber. A subscriber
/// that falls too far behind, or every subscriber when the LISTEN connection was lost, is closed: the
/// client reconnects and, as the protocol says, drops what it cached. A subscriber of an audience (an
/// account) hears only that audience's events; one without hears only events without.
/// </summary>
public sealed class ChangeFeed
{
    private const int SubscriberBuffer = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<Channel<FeedEvent>, string?> _subscribers = [];
    private bool _open;

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    /// <summary>None while this replica is not listening: a subscriber would believe it heard everything.</summary>
    public Subscription? Subscribe(string? audience = null)
    {
        var channel = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true });
        lock (_gate)
        {
            if (!_open) return null;
            _subscribers.Add(channel, audience);
        }
        return new Subscription(this, channel);
    }

    public void Publish(IEnumerable<FeedEvent> events)
    {
        KeyValuePair<Channel<FeedEvent>, string?>[] subscribers;
        lock (_gate) subscribers = [.. _subscribers];
        foreach (var e in events)
            foreach (var (subscriber, audience) in subscribers)
                if (string.Equals(audience, e.Audience, StringComparison.Ordinal) && !subscriber.Writer.TryWrite(e)) Close(subscriber);
    }

    /// <summary>LISTEN is (re)established. Streams from before it may have missed something, so they end.</summary>
    public void Open()
    {
        CloseAll();
        lock (_gate) _open = true;
    }

    /// <summary>After a lost LISTEN connection nobody can know what they missed: every stream ends.</summary>
    public void CloseAll()
    {
        Channel<FeedEvent>[] subscribers;
        lock (_gate)
        {
            _open = false;
            subscribers = [.. _subscribers.Keys];
        }
        foreach (var subscriber in subscribers) Close(subscriber);
    }

    private void Close(Channel<FeedEvent> subscriber)
    {
        subscriber.Writer.TryComplete();
        lock (_gate) _subscribers.Remove(subscriber);
    }

    public sealed class Subscription(ChangeFeed feed, Channel<FeedEvent> channel) : IDisposable
    {
        public ChannelReader<FeedEvent> Events => channel.Reader;

        public void Dispose() => feed.Close(channel);
    }
}
