namespace Platform.Hosting;

/// <summary>A PostgreSQL server: embedded unless every database on it has a configured connection string.</summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    internal List<PostgresDatabaseResource> Databases { get; } = [];
}
