namespace Platform.Hosting;

/// <summary>A database on a <see cref="PostgresServerResource"/>, created when missing.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;
}
