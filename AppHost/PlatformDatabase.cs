using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>The platform's one database: embedded, or the server <c>ConnectionStrings:platform</c> names.</summary>
public static class PlatformDatabase
{
    public const string Name = "platform";

    public static IResourceBuilder<IResourceWithConnectionString> Add(IDistributedApplicationBuilder builder, PlatformState state)
    {
        // A manifest describes a deployment, whose database is its own: it always asks for a connection string.
        if (builder.ExecutionContext.IsPublishMode || builder.Configuration.GetConnectionString(Name) is not null)
            return builder.AddConnectionString(Name);

        var database = builder.AddEmbeddedPostgres("postgres", new EmbeddedPostgresOptions(state.PostgresData)
            {
                BinDirectory = builder.Configuration["Postgres:BinDirectory"],
                Port = builder.Configuration.GetValue<int?>("Postgres:Port"),
                Fresh = builder.Configuration.GetValue("fresh", false),
                Durable = !state.Ephemeral,
            })
            .WithRestartOnExit()
            .AddDatabase(Name);
        if (state.Ephemeral) builder.Services.AddHostedService(services => new EphemeralStateCleanup(state, services.GetRequiredService<IHostApplicationLifetime>()));
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(database.Resource);
    }
}

/// <summary>Deletes a throw-away state folder once the AppHost has stopped every process (PostgreSQL included).</summary>
internal sealed class EphemeralStateCleanup(PlatformState state, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        lifetime.ApplicationStopped.Register(Delete);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private void Delete()
    {
        // The server may still be writing its shutdown checkpoint: give its pid file a moment to go.
        var pidFile = Path.Combine(state.PostgresData, "postmaster.pid");
        for (var i = 0; i < 100 && File.Exists(pidFile); i++) Thread.Sleep(100);
        try
        {
            if (Directory.Exists(state.Directory)) Directory.Delete(state.Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a folder in the system temp directory is cleaned up by the system in the end.
        }
    }
}
