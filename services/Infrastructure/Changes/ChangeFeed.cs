using System.Threading.Channels;

namespace Platform.Infrastructure.Changes;

/// <summary>
/// One change a resource server must hear of: what kind of thing changed, its id and, where the service
/// versions it, the version it changed to (sent as <c>data: &lt;id&gt; &lt;version&gt;</c>). Never a secret.
/// </summary>
public sealed record FeedEvent(string Kind, string Id, long? Version = null)
{
    public string Data => Version is { } v ? $"{Id} {v}" : Id;
}

/// <summary>
/// This replica's fan-out from its LISTEN connection to every connected SSE subscriber. A subscriber
/// that falls too far behind, or every subscriber when the LISTEN connection was lost, is closed: the
/// client reconnects and, as the protocol says, drops what it cached.
/// </summary>
public sealed class ChangeFeed
{
    private const int SubscriberBuffer = 10_000;
    private readonly Lock _gate = new();
    private readonly HashSet<Channel<FeedEvent>> _subscribers = [];
    private bool _open;

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    /// <summary>None while this replica is not listening: a subscriber would believe it heard everything.</summary>
    public Subscription? Subscribe()
    {
        var channel = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true });
        lock (_gate)
        {
            if (!_open) return null;
            _subscribers.Add(channel);
        }
        return new Subscription(this, channel);
    }

    public void Publish(IEnumerable<FeedEvent> events)
    {
        Channel<FeedEvent>[] subscribers;
        lock (_gate) subscribers = [.. _subscribers];
        foreach (var e in events)
            foreach (var subscriber in subscribers)
                if (!subscriber.Writer.TryWrite(e)) Close(subscriber);
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
            subscribers = [.. _subscribers];
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
