using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Infrastructure.Persistence;

public static class PlatformDataSource
{
    /// <summary>The connection string's name, <c>ConnectionStrings:platform</c>, and the AppHost's database resource.</summary>
    public const string DatabaseName = "platform";

    /// <summary>Statements each pooled connection keeps prepared (Npgsql's least recently used are replaced).</summary>
    public const int AutoPrepared = 64;

    /// <summary>
    /// The platform database through Aspire.Npgsql: one pooled <see cref="NpgsqlDataSource"/>, traced and
    /// metered, with a readiness check that runs a query.
    /// </summary>
    public static TBuilder AddPlatformDataSource<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddNpgsqlDataSource(DatabaseName, configureDataSourceBuilder: dataSource =>
        {
            var connection = dataSource.ConnectionStringBuilder;
            connection.ApplicationName ??= builder.Environment.ApplicationName;
            // Marten and Wolverine send the same few dozen statements all day; prepared on a connection after a few uses,
            // each then skips parsing and planning. A connection holding prepared statements is also reset without
            // DISCARD ALL, which had thrown away the plans of Marten's append function on every return to the pool.
            // A connection string's own "Max Auto Prepare" wins (0 turns it off, e.g. behind a pooler that cannot keep them).
            if (builder.Configuration.GetConnectionString(DatabaseName)?.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) != true)
                connection.MaxAutoPrepare = AutoPrepared;
        });
        return builder;
    }
}
