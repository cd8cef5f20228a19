using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Orchestration;

/// <summary>A database on the server: created if missing, or taken as configured (ConnectionStrings:&lt;name&gt;).</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource database, OrchestratorContext context) : ResourceRunner(database)
{
    private ResourceState _state = ResourceState.NotStarted;

    private string? Configured => context.Settings.Configuration.GetConnectionString(Name);

    private PostgresServerRunner Server => (PostgresServerRunner)context.Runner(database.Parent);

    public override IEnumerable<IResource> StartAfter => Resource.WaitsFor.Append(database.Parent);

    public override Task ValuesReady => Configured is not null ? Task.CompletedTask : Server.ValuesReady;

    public override string? ConnectionString => Configured ?? Server.Embedded?.ConnectionString(database.DatabaseName);

    public override async Task StartAsync(CancellationToken ct)
    {
        if (Configured is null)
        {
            _state = ResourceState.Starting;
            await Server.Embedded!.EnsureDatabaseAsync(database.DatabaseName, ct);
        }
        _state = ResourceState.Healthy;
        context.Signal.Pulse();
        ReportHealthy();
    }

    public override Task StopAsync()
    {
        if (_state != ResourceState.NotStarted) _state = ResourceState.Stopped;
        context.Signal.Pulse();
        return Task.CompletedTask;
    }

    public override IReadOnlyList<ReplicaSnapshot> Snapshot() =>
        [new(Name, Name, 0, _state, Server.Embedded is { } pg ? new Uri($"tcp://127.0.0.1:{pg.Port}/{database.DatabaseName}") : null, null, 0)];
}
