using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Npgsql;

namespace Platform.Hosting.Postgres;

/// <summary>
/// A PostgreSQL server run from the machine's binaries, bound to loopback, owned by this process.
/// The one launcher used by the AppHost and by the tests.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly PostgresServerOptions _options;
    private readonly Process _server;
    private readonly string _password;

    private EmbeddedPostgres(PostgresServerOptions options, Process server, int port, string password)
    {
        _options = options;
        _server = server;
        Port = port;
        _password = password;
    }

    public int Port { get; }

    /// <summary>The postmaster's pid (not runuser's), read from its pid file; null once it is gone.</summary>
    public int? ProcessId
    {
        get
        {
            var pidFile = Path.Combine(Path.GetFullPath(_options.DataDirectory), "postmaster.pid");
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
    }

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    public static async Task<EmbeddedPostgres> StartAsync(PostgresServerOptions options, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Locate(options.BinDirectory);
        var user = OsUser.Current;
        var data = Path.GetFullPath(options.DataDirectory);
        var port = options.Port == 0 ? LoopbackPorts.Free()
            : LoopbackPorts.IsFree(options.Port) ? options.Port
            : throw new PostgresLaunchException($"port {options.Port} is already in use: choose another PostgreSQL port or stop what holds it");

        await StopStaleServerAsync(data);
        if (options.Fresh && Directory.Exists(data)) Directory.Delete(data, recursive: true);
        var password = await InitialiseAsync(bin, data, user, ct);

        var server = Process.Start(user.StartInfo(Path.Combine(bin, "postgres"), ServerArguments(data, port, options.Durable)))
            ?? throw new PostgresLaunchException("could not start postgres");
        var log = new ServerLog(server, options.Log);
        var instance = new EmbeddedPostgres(options, server, port, password);
        try
        {
            await instance.WaitUntilAcceptingAsync(log, ct);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the database when it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string name, CancellationToken ct = default)
    {
        // Unpooled: an idle connection left in our pool would only be cut off at shutdown.
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        var quoted = "\"" + name.Replace("\"", "\"\"") + "\"";
        await using var create = new NpgsqlCommand($"create database {quoted}", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<string> ServerArguments(string data, int port, bool durable)
    {
        // Loopback TCP only; no Unix socket, whose default folder may not exist on this machine.
        string[] args = ["-D", data, "-p", port.ToString(), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", "max_connections=300", "-c", "log_min_messages=warning"];
        return durable ? args : [.. args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
    }

    /// <summary>initdb on first use; returns the superuser password kept beside the data folder.</summary>
    private static async Task<string> InitialiseAsync(string bin, string data, OsUser user, CancellationToken ct)
    {
        var passwordFile = data.TrimEnd('/') + ".password";
        if (File.Exists(Path.Combine(data, "PG_VERSION")) && File.Exists(passwordFile))
            return (await File.ReadAllTextAsync(passwordFile, ct)).Trim();

        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        // Note: initdb reads the password from a file so it never appears in a process list.
        var initFile = Path.Combine(data, ".initdb-pw");
        await File.WriteAllTextAsync(initFile, password, ct);
        File.SetUnixFileMode(initFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var pwCopy = Path.Combine(Path.GetDirectoryName(data)!, $".initdb-pw-{Environment.ProcessId}");
        File.Move(initFile, pwCopy);
        try
        {
            await user.OwnAsync(data);
            await user.OwnAsync(pwCopy);
            await Run.CheckedAsync(user.StartInfo(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", Superuser, "--pwfile", pwCopy, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--no-locale", "--no-sync"]), ct);
        }
        finally
        {
            File.Delete(pwCopy);
        }
        await File.WriteAllTextAsync(passwordFile, password, ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    private async Task WaitUntilAcceptingAsync(ServerLog log, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            if (_server.HasExited)
                throw new PostgresLaunchException($"postgres exited during start (exit {_server.ExitCode}): {log.LastError}");
            try
            {
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

    /// <summary>A server left behind by a process that was killed holds the folder; stop it first.</summary>
    private static async Task StopStaleServerAsync(string data)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile)) return;
        if (!int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) || !Posix.IsAlive(pid)) return;
        await StopAsync(pid, TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.</summary>
    private static async Task StopAsync(int pid, TimeSpan timeout)
    {
        Posix.Signal(pid, Posix.SigInt);
        var deadline = DateTime.UtcNow + timeout;
        while (Posix.IsAlive(pid) && DateTime.UtcNow < deadline) await Task.Delay(50);
        if (Posix.IsAlive(pid)) Posix.Signal(pid, Posix.SigKill);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            // The postmaster's pid, not runuser's: the signal must reach the server itself.
            await StopAsync(ProcessId ?? _server.Id, TimeSpan.FromSeconds(30));
            if (!_server.WaitForExit(TimeSpan.FromSeconds(5))) _server.Kill(entireProcessTree: true);
        }
        _server.Dispose();
    }
}
