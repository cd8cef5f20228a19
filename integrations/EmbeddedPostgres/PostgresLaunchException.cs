namespace Platform.EmbeddedPostgres;

/// <summary>The embedded server could not start; the message is one line a person can act on.</summary>
public sealed class PostgresLaunchException(string message) : Exception(message);
