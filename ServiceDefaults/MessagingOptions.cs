namespace Platform.ServiceDefaults;

/// <summary>Section "Messaging": how services exchange integration events.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Schema holding the PostgreSQL transport's queue tables, shared by every service.</summary>
    public string TransportSchema { get; set; } = "transport";

    /// <summary>
    /// How long a PostgreSQL queue listener waits after each batch. Wolverine's default allows only a
    /// few messages per second per queue; this bounds both delivery latency and idle polling load.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages fetched per poll.</summary>
    public int BatchSize { get; set; } = 100;
}
