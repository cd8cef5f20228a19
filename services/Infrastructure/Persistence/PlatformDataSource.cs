using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Infrastructure.Persistence;

public static class PlatformDataSource
{
    /// <summary>The connection string's name, <c>ConnectionStrings:platform</c>, and the AppHost's database resource.</summary>
    public const string DatabaseName = "platform";

    /// <summary>
    /// The platform database through Aspire.Npgsql: one pooled <see cref="NpgsqlDataSource"/>, traced and
    /// metered, with a readiness check that runs a query.
    /// </summary>
    public static TBuilder AddPlatformDataSource<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddNpgsqlDataSource(DatabaseName, configureDataSourceBuilder: dataSource =>
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName);
        return builder;
    }
}
