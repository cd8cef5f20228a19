namespace Platform.Infrastructure.Persistence;

/// <summary>Section "Messaging": how services exchange integration events.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Schema holding the PostgreSQL transport's queue tables, shared by every service.</summary>
    public string TransportSchema { get; set; } = "transport";

    /// <summary>
    /// How long a PostgreSQL queue listener waits after each batch. Wolverine's default allows only a
    /// few messages per second per queue; this bounds both delivery latency and idle polling load.
    /// Note: 50 ms because a key's revocation reaches the agent credentials and tokens derived from it
    /// through these queues, within 250 ms; the cost is 20 cheap polls a second per replica when idle.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Messages fetched per poll.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many messages of this service's queue are handled at once; unset, Wolverine's default (the cores, at least 5).
    /// Note: a handler that mostly waits on PostgreSQL round trips (Audit's, about ten per entry) is bounded by this, not
    /// by CPU: with 5 at once Audit recorded fewer entries per second than Keys issued keys, and its queue grew under load.
    /// </summary>
    public int? ListenerParallelism { get; set; }
}
