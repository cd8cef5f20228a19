using System.Diagnostics;
using Alba;
using Platform.EmbeddedPostgres;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>
/// PostgreSQL killed (SIGKILL of the postmaster) under a running Keys service, then started again on
/// the same data: nothing acknowledged is lost and writes are served again within seconds, with no
/// restart of the service. Runs on a server of its own so the shared test database is not touched.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    /// <summary>The platform's target is "writes again within 10 s"; a generous bound for a busy machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"platform-outage-{Guid.NewGuid():N}");
    private PostgresServerOptions _options = null!;
    private PostgresServer _server = null!;
    private IAlbaHost _keys = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        // The server may run as another user (as root: "postgres"), who must traverse the folder.
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        _options = new PostgresServerOptions { DataDirectory = Path.Combine(_folder, "data") };
        _server = await PostgresServer.StartAsync(_options);
        await _server.EnsureDatabaseAsync(TestDatabase.Name);
        _keys = await ServiceHost.StartOnAsync<KeysApi>(_server.ConnectionString(TestDatabase.Name));
    }

    [Fact]
    public async Task keys_are_issued_again_within_seconds_of_postgresql_coming_back_and_every_acknowledged_key_still_verifies()
    {
        var (_, admin) = await _keys.CreateAccountAsync();
        var before = new List<IssuedKey>();
        for (var i = 0; i < 5; i++) before.Add(await _keys.IssueAsync(admin, Scenarios.AKey()));

        Process.GetProcessById(_server.ProcessId!.Value).Kill();
        // The killed server's backends notice their postmaster is gone a moment later; a pooled connection to one may
        // still commit until then. Once they are gone, nothing is acknowledged.
        var down = Stopwatch.StartNew();
        while (await TryIssueAsync(admin) == 201)
        {
            down.Elapsed.ShouldBeLessThan(Bound, "issued with the database down");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await _server.DisposeAsync();
        _server = await StartAgainAsync();
        var back = Stopwatch.StartNew();
        while (await TryIssueAsync(admin) != 201)
        {
            back.Elapsed.ShouldBeLessThan(Bound, "keys are still not issued after PostgreSQL came back");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        TestContext.Current.SendDiagnosticMessage($"first key issued {back.ElapsedMilliseconds} ms after PostgreSQL accepted connections again");

        foreach (var key in before) (await _keys.VerifyAsync(key.Secret)).Status.ShouldBe(200);
    }

    private async Task<int> TryIssueAsync(string admin) =>
        (await _keys.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Post.Json(Scenarios.AKey()).ToUrl("/api/keys");
            s.IgnoreStatusCode();
        })).Context.Response.StatusCode;

    /// <summary>The killed server's backends linger a moment holding its shared memory; retry until they are gone.</summary>
    private async Task<PostgresServer> StartAgainAsync()
    {
        var options = _options with { Port = _server.Port };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PostgresServer.StartAsync(options);
            }
            catch (PostgresLaunchException) when (attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _keys.DisposeAsync();
        await _server.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
