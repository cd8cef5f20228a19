namespace Platform.Hosting;

public static class PostgresResourceExtensions
{
    /// <summary>
    /// A PostgreSQL server run from the machine's binaries, unless every database added to it has a
    /// connection string in configuration (<c>ConnectionStrings:&lt;database&gt;</c>).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name));

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases.Add(database);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
