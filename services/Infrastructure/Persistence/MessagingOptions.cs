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
    /// Wolverine's LISTEN/NOTIFY wakeups instead halved a single entry's way to Audit but cut keys issued under load by
    /// 40% (a notify per message sent, and every listener woken to pop a few at a time): polling it is.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a handled message's inbox row is kept, and how often expired ones are deleted (Wolverine: 5 min, 1 min).
    /// Note: the queue's pop reads the whole inbox table on every poll, so at 400 messages a second Wolverine's default
    /// kept 120,000 rows there for each poll to read. Nothing here needs them for longer: they catch a copy of a message
    /// arriving again, and the PostgreSQL transport moves a message from the queue into the inbox atomically, so none does
    /// (the handlers fed by other services also decide from what they recorded: Audit by event id, standings by version).
    /// </summary>
    public TimeSpan HandledRetention { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Messages fetched per poll. Note: after a full poll Wolverine's listener pauses 250 ms (unless woken by a queue
    /// notification) before the next, so a queue's intake per replica is at most this many per 250 ms: 100 capped Audit
    /// at 400 entries a second, below what Keys issues, and its queue grew however fast it recorded. Audit takes 500.
    /// </summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many messages of this service's queue are handled at once; unset, Wolverine's default (the cores, at least 5).
    /// Note: a handler that mostly waits on PostgreSQL round trips is bounded by this, not by CPU: with 5 at once Audit
    /// recorded fewer entries per second than Keys issued keys, and its queue grew under load. Audit's handlers wait for
    /// a group commit (AuditRecorder, at most 100 entries), so it takes 200: one commit gathers while another runs.
    /// </summary>
    public int? ListenerParallelism { get; set; }
}
