using Alba;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Platform.Audit.Access;
using Platform.Keys;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>
/// The Keys service (producer of what Audit records, and the authority on API keys) and the Audit
/// service, whose Keys client reaches the in-process Keys host: two hosts, one database.
/// </summary>
public sealed class AuditFixture : IAsyncLifetime
{
    public IAlbaHost Audit { get; private set; } = null!;
    public IAlbaHost Keys { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Keys = await ServiceHost.StartAsync<KeysApi>(web => web.UseSetting("Keys:Usage:FlushInterval", "00:00:00.200"));
        Audit = await StartAuditAsync(Keys);
    }

    /// <summary>An Audit host whose Keys client reaches <paramref name="keys"/>, with fast webhook retries.</summary>
    public static Task<IAlbaHost> StartAuditAsync(IAlbaHost keys, Action<IWebHostBuilder>? configure = null) =>
        ServiceHost.StartAsync<AuditApi>(web =>
        {
            // The webhook receiver in these tests listens on loopback.
            web.UseSetting("Audit:Webhooks:AllowPrivateNetworks", "true")
                .UseSetting("Audit:Webhooks:MaxAttempts", "3")
                .UseSetting("Audit:Webhooks:FirstRetryDelay", "00:00:00.200")
                .ConfigureServices(services => services.RouteKeysVerifyTo(keys));
            configure?.Invoke(web);
        });

    /// <summary>
    /// Waits (at most 10 s) until nothing is on its way to Audit or being handled there: Keys' outbox, Audit's queue
    /// and Audit's inbox are empty. Note: a reset truncating the tables under a handler's transaction deadlocks.
    /// </summary>
    public static async Task WaitUntilIdleAsync()
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var pending = new NpgsqlCommand(
            "select (select count(*) from keys.wolverine_outgoing_envelopes) + (select count(*) from transport.wolverine_queue_audit)"
            + " + (select count(*) from audit.wolverine_incoming_envelopes where status = 'Incoming')", connection);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((long)(await pending.ExecuteScalarAsync())! > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    public async ValueTask DisposeAsync()
    {
        await Audit.DisposeAsync();
        await Keys.DisposeAsync();
    }
}

[CollectionDefinition(nameof(AuditCollection))]
public sealed class AuditCollection : ICollectionFixture<AuditFixture>;

/// <summary>Each test starts from empty data, with a fresh account on Keys and that account's admin key.</summary>
[Collection(nameof(AuditCollection))]
public abstract class AuditContext(AuditFixture fixture) : IAsyncLifetime
{
    protected IAlbaHost Audit => fixture.Audit;
    protected IAlbaHost Keys => fixture.Keys;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected Guid Account { get; private set; }

    /// <summary>The admin key of <see cref="Account"/>: what an auditor of that account calls Audit with.</summary>
    protected string Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await AuditFixture.WaitUntilIdleAsync();
        await Audit.ResetMartenDataAsync();
        await Keys.ResetMartenDataAsync();
        (Account, Admin) = await Keys.CreateAccountAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
