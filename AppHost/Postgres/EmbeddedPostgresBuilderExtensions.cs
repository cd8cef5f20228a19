using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.AppHost;
using Platform.EmbeddedPostgres;

namespace Aspire.Hosting;

/// <summary>
/// <c>AddEmbeddedPostgres</c>: Aspire's <c>AddPostgres</c> runs a container, which this platform's
/// machines cannot; this runs the machine's own PostgreSQL binaries as an executable resource instead.
/// </summary>
public static class EmbeddedPostgresBuilderExtensions
{
    public static IResourceBuilder<EmbeddedPostgresResource> AddEmbeddedPostgres(this IDistributedApplicationBuilder builder,
        string name, EmbeddedPostgresOptions options)
    {
        var cluster = PostgresCluster.Open(options.DataDirectory, options.BinDirectory);
        var password = builder.AddParameter($"{name}-password", cluster.Password, secret: true);
        var server = new EmbeddedPostgresResource(name, cluster, password.Resource);
        var (_, arguments) = cluster.ServerCommand(options.Durable);
        var port = options.Port ?? LoopbackPorts.Free();
        var fresh = options.Fresh;

        var healthCheck = $"{name}-query";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new PostgresQueryHealthCheck(server), failureStatus: null, tags: null));

        // initdb before the first start (and --fresh only then); a restart after a crash finds the cluster as it was.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, ct) =>
        {
            await cluster.InitialiseAsync(fresh, ct);
            fresh = false;
        });

        return builder.AddResource(server)
            .WithArgs([.. arguments, "-p", port.ToString()])
            // Not proxied: every query of every service would pay a hop, and a proxy answers TCP even with the
            // server down. The server binds this port itself, on loopback.
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: EmbeddedPostgresResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheck)
            .WithPromptHealthChecks()
            .WithIconName("DatabaseMultiple")
            .ExcludeFromManifest();
    }

    public static IResourceBuilder<EmbeddedPostgresDatabaseResource> AddDatabase(this IResourceBuilder<EmbeddedPostgresResource> server,
        string name, string? databaseName = null)
    {
        var builder = server.ApplicationBuilder;
        var database = new EmbeddedPostgresDatabaseResource(name, databaseName ?? name, server.Resource);

        var healthCheck = $"{name}-query";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new PostgresQueryHealthCheck(database), failureStatus: null, tags: null));

        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (e, ct) =>
        {
            var connectionString = await server.Resource.ConnectionStringExpression.GetValueAsync(ct)
                ?? throw new DistributedApplicationException($"{server.Resource.Name} has no connection string");
            await PostgresCluster.EnsureDatabaseAsync(connectionString, database.DatabaseName, ct);
            await e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [new("database", database.DatabaseName)],
            })
            .WithHealthCheck(healthCheck)
            .WithPromptHealthChecks()
            .WithIconName("Database")
            .ExcludeFromManifest();
    }
}

/// <summary>Where and how the embedded server keeps its cluster.</summary>
public sealed record EmbeddedPostgresOptions(string DataDirectory)
{
    /// <summary>Folder holding initdb and postgres; null searches PATH, then /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Loopback port; null picks a free one at start.</summary>
    public int? Port { get; init; }

    /// <summary>Wipe the cluster before the first start.</summary>
    public bool Fresh { get; init; }

    /// <summary>False turns off fsync: for throw-away clusters (tests) only.</summary>
    public bool Durable { get; init; } = true;
}
