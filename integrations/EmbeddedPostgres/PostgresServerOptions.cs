namespace Platform.EmbeddedPostgres;

/// <summary>How to run an embedded PostgreSQL server from the machine's binaries.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>The cluster's data folder; created and initialised (initdb) when empty.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Loopback TCP port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Folder holding initdb and postgres; null searches PATH, then /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Wipe the data folder before starting.</summary>
    public bool Fresh { get; init; }

    /// <summary>
    /// False turns off fsync and synchronous commit: fine for throw-away test clusters, never for
    /// data anyone wants to keep.
    /// </summary>
    public bool Durable { get; init; } = true;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Receives the server's own log lines.</summary>
    public Action<string>? Log { get; init; }
}
