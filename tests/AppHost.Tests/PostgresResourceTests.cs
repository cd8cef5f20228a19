using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.EmbeddedPostgres;

namespace Platform.AppHost.Tests;

/// <summary>Our PostgreSQL resource in an Aspire model of the test's own, run by DCP.</summary>
public sealed class PostgresResourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_database_is_created_and_healthy_only_once_a_query_answers_there()
    {
        using var folder = new TempFolder();
        await using var app = await StartAsync(folder);

        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("orders", Ct));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("select current_database()", connection);
        (await query.ExecuteScalarAsync(Ct)).ShouldBe("orders");
    }

    [Fact]
    public async Task a_killed_postmaster_is_started_again_with_every_acknowledged_write_and_no_manual_step()
    {
        using var folder = new TempFolder();
        await using var app = await StartAsync(folder);
        var connectionString = await app.GetConnectionStringAsync("orders", Ct);
        await ExecuteAsync(connectionString, "create table survivors (id int); insert into survivors values (1)");
        var postmaster = PostgresCluster.Open(Path.Combine(folder.Path, "data")).ServerProcessId.ShouldNotBeNull();

        Process.GetProcessById(postmaster).Kill();

        var down = Stopwatch.StartNew();
        var lastError = "";
        while (true)
        {
            try
            {
                (await ExecuteAsync(connectionString, "select count(*) from survivors")).ShouldBe(1L);
                break;
            }
            catch (NpgsqlException e)
            {
                lastError = e.Message;
                // The bound is 10 s; a generous one here so a busy machine never flakes.
                down.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), $"PostgreSQL was not started again: {lastError}");
                await Task.Delay(200, Ct);
            }
        }
        TestContext.Current.SendDiagnosticMessage($"queries answered again {down.ElapsedMilliseconds} ms after the postmaster was killed");
    }

    [Fact]
    public async Task stopping_the_app_stops_the_server()
    {
        using var folder = new TempFolder();
        int postmaster;
        await using (var app = await StartAsync(folder))
            postmaster = PostgresCluster.Open(Path.Combine(folder.Path, "data")).ServerProcessId.ShouldNotBeNull();

        var stopped = Stopwatch.StartNew();
        while (Posix.IsAlive(postmaster) && stopped.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100, Ct);
        Posix.IsAlive(postmaster).ShouldBeFalse();
    }

    /// <summary>Durable as the AppHost's own cluster is: a write acknowledged before a crash is still there after it.</summary>
    private static async Task<DistributedApplication> StartAsync(TempFolder folder)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [],
            DisableDashboard = true,
            // Where DCP lives is recorded in an AppHost's assembly: borrow the platform's.
            AssemblyName = typeof(PlatformState).Assembly.GetName().Name,
        });
        builder.AddEmbeddedPostgres("pg", new EmbeddedPostgresOptions(Path.Combine(folder.Path, "data")))
            .WithRestartOnExit()
            .AddDatabase("orders");
        var app = builder.Build();
        await app.StartAsync(Ct);
        using var ready = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        ready.CancelAfter(TimeSpan.FromMinutes(2));
        await app.ResourceNotifications.WaitForResourceHealthyAsync("orders", ready.Token);
        return app;
    }

    private static async Task<object?> ExecuteAsync(string? connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
