using Microsoft.Extensions.Configuration;
using Platform.Hosting.Postgres;

namespace Platform.Hosting.Orchestration;

/// <summary>Starts the embedded PostgreSQL server, unless every database on it is configured elsewhere.</summary>
internal sealed class PostgresServerRunner(PostgresServerResource server, OrchestratorContext context) : ResourceRunner(server)
{
    private readonly TaskCompletionSource _values = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EmbeddedPostgres? _embedded;
    private PostgresDataFolder? _folder;
    private ResourceState _state = ResourceState.NotStarted;
    private int _port;

    /// <summary>True when every database has a configured connection string: nothing to run here.</summary>
    public bool IsExternal => server.Databases.Count > 0 &&
        server.Databases.All(d => context.Settings.Configuration.GetConnectionString(d.Name) is not null);

    public EmbeddedPostgres? Embedded => _embedded;

    public override Task ValuesReady => _values.Task;

    public override string? ConnectionString => _embedded?.ConnectionString();

    public override void Prepare()
    {
        context.Output.Register(Name, [Name]);
        // Taken from the same allocator as the services' ports, so the two can never pick the same one.
        var configured = context.Settings.Configuration.GetValue("Postgres:Port", 0);
        if (!IsExternal) _port = context.Ports.Allocate(Name, configured > 0 ? configured : null);
    }

    public override async Task StartAsync(CancellationToken ct)
    {
        if (!IsExternal)
        {
            SetState(ResourceState.Starting);
            _folder = PostgresDataFolder.For(context.Settings);
            try
            {
                _embedded = await EmbeddedPostgres.StartAsync(Options(_folder), ct);
            }
            catch (PostgresLaunchException e)
            {
                SetState(ResourceState.Failed);
                throw new DistributedApplicationException($"{Name}: {e.Message}");
            }
        }
        SetState(ResourceState.Healthy);
        _values.TrySetResult();
        ReportHealthy();
    }

    public override async Task StopAsync()
    {
        if (_embedded is not null)
        {
            SetState(ResourceState.Stopping);
            await _embedded.DisposeAsync();
            _embedded = null;
        }
        _folder?.Delete();
        if (_state != ResourceState.NotStarted) SetState(ResourceState.Stopped);
    }

    public override IReadOnlyList<ReplicaSnapshot> Snapshot() =>
        [new(Name, Name, 0, _state, _embedded is { } pg ? new Uri($"tcp://127.0.0.1:{pg.Port}") : null, _embedded?.ProcessId, 0)];

    private PostgresServerOptions Options(PostgresDataFolder folder) => new()
    {
        DataDirectory = folder.Data,
        Port = _port,
        BinDirectory = context.Settings.Configuration["Postgres:BinDirectory"],
        Fresh = context.Settings.Configuration.GetValue("fresh", false),
        Durable = !folder.Temporary,
        Log = line => context.Output.Line(Name, Name, line),
    };

    private void SetState(ResourceState state)
    {
        _state = state;
        context.Signal.Pulse();
    }
}
