using Platform.EmbeddedPostgres;

namespace Platform.Testing;

/// <summary>
/// One real PostgreSQL per test process: the server named by ConnectionStrings__platform when set,
/// otherwise an embedded throw-away cluster in a temp folder (started once, stopped at exit).
/// </summary>
public static class TestDatabase
{
    public const string Name = "platform";
    private const string ConfiguredVariable = "ConnectionStrings__platform";
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>
    /// The server named from outside, read once as the assembly loads: hosts started on another
    /// server (<see cref="ServiceHost.StartOnAsync{TService}"/>) set the same variable for the service
    /// they build, and the shared database must never be mistaken for theirs.
    /// </summary>
    private static string? _configured;

#pragma warning disable CA2255 // Read before any test code runs, so no host can have changed it yet.
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void ReadConfiguredServer() => _configured = Environment.GetEnvironmentVariable(ConfiguredVariable);
    private static PostgresServer? _embedded;
    private static string? _folder;

    public static Task<string> ConnectionStringAsync() => Server.Value;

    private static async Task<string> StartAsync()
    {
        if (_configured is { Length: > 0 } configured) return configured;

        // Under the system temp folder: when tests run as root the server runs as "postgres",
        // which must be able to traverse every folder above its data.
        _folder = Path.Combine(Path.GetTempPath(), $"platform-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        _embedded = await PostgresServer.StartAsync(new PostgresServerOptions
        {
            DataDirectory = Path.Combine(_folder, "data"),
            Durable = false,
        });
        await _embedded.EnsureDatabaseAsync(Name);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().GetAwaiter().GetResult();
        return _embedded.ConnectionString(Name);
    }

    public static async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _embedded, null) is { } server) await server.DisposeAsync();
        if (Interlocked.Exchange(ref _folder, null) is { } folder && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
