using System.Net;
using System.Security.Cryptography;
using Npgsql;

namespace Platform.EmbeddedPostgres;

/// <summary>
/// A PostgreSQL cluster in a data folder of ours: initialised on first use (initdb, a generated
/// superuser password kept beside the folder), and the command line that serves it on loopback.
/// </summary>
public sealed class PostgresCluster
{
    public const string Superuser = "postgres";

    private PostgresCluster(string dataDirectory, string bin, string password)
    {
        DataDirectory = dataDirectory;
        BinDirectory = bin;
        Password = password;
    }

    public string DataDirectory { get; }

    public string BinDirectory { get; }

    /// <summary>The superuser's password: generated once, kept owner-only beside the data folder; never printed, never on a command line.</summary>
    public string Password { get; }

    /// <summary>The cluster of a data folder (which need not exist yet) and its password.</summary>
    public static PostgresCluster Open(string dataDirectory, string? binDirectory = null)
    {
        var bin = PostgresBinaries.Locate(binDirectory);
        var data = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(data)!);
        var passwordFile = data.TrimEnd('/') + ".password";
        if (File.Exists(passwordFile)) return new PostgresCluster(data, bin, File.ReadAllText(passwordFile).Trim());

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(passwordFile, password);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // A cluster whose password was lost cannot be entered: it is initialised again.
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        return new PostgresCluster(data, bin, password);
    }

    /// <summary>Opens the folder's cluster and initialises it (see <see cref="InitialiseAsync"/>).</summary>
    public static async Task<PostgresCluster> PrepareAsync(string dataDirectory, string? binDirectory = null, bool fresh = false, CancellationToken ct = default)
    {
        var cluster = Open(dataDirectory, binDirectory);
        await cluster.InitialiseAsync(fresh, ct);
        return cluster;
    }

    /// <summary>
    /// Stops a server a killed process left on the folder, wipes it when <paramref name="fresh"/>, and
    /// runs initdb when it holds no cluster yet. Safe to call before every start.
    /// </summary>
    public async Task InitialiseAsync(bool fresh = false, CancellationToken ct = default)
    {
        await PostgresProcesses.StopStaleServerAsync(DataDirectory);
        if (fresh && Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) return;
        await InitDbAsync(ct);
    }

    /// <summary>The postmaster's pid, read from its pid file; null when no server runs on the folder.</summary>
    public int? ServerProcessId
    {
        get
        {
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
    }

    /// <summary>
    /// The program and arguments that serve the cluster on 127.0.0.1, as the right account; the port
    /// goes last (<c>-p</c> and its value), given by whoever runs it.
    /// </summary>
    public (string FileName, IReadOnlyList<string> Arguments) ServerCommand(bool durable = true) =>
        OsUser.Current.Command(Path.Combine(BinDirectory, "postgres"), ServerArguments(durable));

    public string ConnectionString(int port, string database = Superuser) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = port,
        Username = Superuser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the database when it does not exist yet.</summary>
    public static async Task EnsureDatabaseAsync(string serverConnectionString, string name, CancellationToken ct = default)
    {
        // Unpooled: an idle connection left in a pool would only be cut off at shutdown.
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = Superuser, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        var quoted = "\"" + name.Replace("\"", "\"\"") + "\"";
        await using var create = new NpgsqlCommand($"create database {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created meanwhile by another caller: what we wanted.
        }
    }

    private IEnumerable<string> ServerArguments(bool durable)
    {
        // Loopback TCP only; no Unix socket, whose default folder may not exist on this machine.
        string[] args = ["-D", DataDirectory, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", "max_connections=300", "-c", "log_min_messages=warning"];
        return durable ? args : [.. args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        var user = OsUser.Current;
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        Directory.CreateDirectory(DataDirectory);
        File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Note: initdb reads the password from a file so it never appears in a process list; the copy
        // belongs to the account that runs initdb, and is gone once it has run.
        var pwCopy = Path.Combine(Path.GetDirectoryName(DataDirectory)!, $".initdb-pw-{Environment.ProcessId}");
        await File.WriteAllTextAsync(pwCopy, Password, ct);
        File.SetUnixFileMode(pwCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            await user.OwnAsync(DataDirectory);
            await user.OwnAsync(pwCopy);
            await Run.CheckedAsync(user.StartInfo(Path.Combine(BinDirectory, "initdb"),
                ["-D", DataDirectory, "-U", Superuser, "--pwfile", pwCopy, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--no-locale", "--no-sync"]), ct);
        }
        finally
        {
            File.Delete(pwCopy);
        }
    }
}
