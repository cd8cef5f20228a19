using System.Net;
using System.Net.Sockets;
using Npgsql;
using Platform.EmbeddedPostgres;

namespace Platform.AppHost.Tests;

/// <summary>The launcher the test projects start their throw-away clusters with.</summary>
public sealed class EmbeddedPostgresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task embedded_postgres_accepts_connections_creates_a_database_and_is_gone_after_dispose()
    {
        using var folder = new TempFolder();
        var server = await PostgresServer.StartAsync(new() { DataDirectory = Path.Combine(folder.Path, "data"), Durable = false }, Ct);
        int postmaster;
        await using (server)
        {
            postmaster = server.ProcessId.ShouldNotBeNull();
            await server.EnsureDatabaseAsync("orders", Ct);
            await server.EnsureDatabaseAsync("orders", Ct); // a second time is a no-op, not an error

            await using var connection = new NpgsqlConnection(server.ConnectionString("orders"));
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("select current_database()", connection);
            (await command.ExecuteScalarAsync(Ct)).ShouldBe("orders");
        }
        Posix.IsAlive(postmaster).ShouldBeFalse();
    }

    [Fact]
    public async Task a_bin_directory_without_the_server_fails_with_one_line_naming_it()
    {
        using var folder = new TempFolder();
        var options = new PostgresServerOptions { DataDirectory = Path.Combine(folder.Path, "data"), BinDirectory = folder.Path };

        var error = await Should.ThrowAsync<PostgresLaunchException>(() => PostgresServer.StartAsync(options, Ct));

        error.Message.ShouldContain($"not found in {folder.Path}");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task a_port_in_use_is_refused_before_anything_starts()
    {
        using var folder = new TempFolder();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var options = new PostgresServerOptions { DataDirectory = Path.Combine(folder.Path, "data"), Port = port };

        var error = await Should.ThrowAsync<PostgresLaunchException>(() => PostgresServer.StartAsync(options, Ct));

        error.Message.ShouldStartWith($"port {port} is already in use");
        File.Exists(Path.Combine(options.DataDirectory, "PG_VERSION")).ShouldBeFalse();
    }
}
