using System.Diagnostics;
using Npgsql;

namespace Platform.EmbeddedPostgres;

/// <summary>
/// A PostgreSQL server run from the machine's binaries, bound to loopback, owned by this process:
/// the tests' throw-away clusters. (The AppHost runs the same <see cref="PostgresCluster"/> as an
/// Aspire resource instead.)
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly PostgresCluster _cluster;
    private readonly PostgresServerOptions _options;
    private readonly Process _server;

    private PostgresServer(PostgresCluster cluster, PostgresServerOptions options, Process server, int port)
    {
        _cluster = cluster;
        _options = options;
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The postmaster's pid, read from its pid file; null once it is gone.</summary>
    public int? ProcessId => _cluster.ServerProcessId;

    public string ConnectionString(string database = PostgresCluster.Superuser) => _cluster.ConnectionString(Port, database);

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, CancellationToken ct = default)
    {
        if (options.Port != 0 && !LoopbackPorts.IsFree(options.Port))
            throw new PostgresLaunchException($"port {options.Port} is already in use: choose another PostgreSQL port or stop what holds it");
        var cluster = await PostgresCluster.PrepareAsync(options.DataDirectory, options.BinDirectory, options.Fresh, ct);
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? LoopbackPorts.Free() : options.Port;
            var (fileName, arguments) = cluster.ServerCommand(options.Durable);
            var server = Process.Start(new ProcessStartInfo(fileName, [.. arguments, "-p", port.ToString()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new PostgresLaunchException("could not start postgres");
            var log = new ServerLog(server, options.Log);
            var instance = new PostgresServer(cluster, options, server, port);
            try
            {
                await instance.WaitUntilAcceptingAsync(log, ct);
                return instance;
            }
            catch (PostgresLaunchException) when (options.Port == 0 && attempt < 5 && server.HasExited)
            {
                // A free port taken by someone else between our probe and the server's bind: pick another.
                await instance.DisposeAsync();
            }
            catch
            {
                await instance.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Creates the database when it does not exist yet.</summary>
    public Task EnsureDatabaseAsync(string name, CancellationToken ct = default) =>
        PostgresCluster.EnsureDatabaseAsync(ConnectionString(), name, ct);

    private async Task WaitUntilAcceptingAsync(ServerLog log, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            if (_server.HasExited)
                throw new PostgresLaunchException($"postgres exited during start (exit {_server.ExitCode}): {log.LastError}");
            try
            {
                // With our password: a server of someone else's on the same port cannot pass for ours.
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false;Timeout=2");
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
            catch (NpgsqlException e)
            {
                throw new PostgresLaunchException($"postgres did not accept connections within {_options.StartTimeout.TotalSeconds:0} s: {e.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            await PostgresProcesses.StopAsync(ProcessId ?? _server.Id, TimeSpan.FromSeconds(30));
            if (!_server.WaitForExit(TimeSpan.FromSeconds(5))) _server.Kill(entireProcessTree: true);
        }
        _server.Dispose();
    }
}
