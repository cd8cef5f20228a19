using Marten;
using Platform.Keys.ApiKeys;
using Wolverine;
using Wolverine.Marten.Publishing;
using Platform.Secrets;

namespace Platform.Keys.Accounts;

/// <summary>
/// Under the local AppHost (Keys:Bootstrap:SecretFile set): on an empty platform, creates the
/// development account and its admin key and hands the secret to the AppHost through that file
/// (owner-only), which prints it once and deletes it. Never runs unless configured.
/// </summary>
/// <remarks>
/// Its keys are announced to Audit through the outbox like any issued key (Wolverine has started: it is
/// registered before this service), so their audit histories are complete from version 1.
/// </remarks>
public sealed class DevelopmentBootstrap(
    IDocumentStore store, OutboxedSessionFactory sessions, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock,
    ILogger<DevelopmentBootstrap> logger) : IHostedService
{
    public const string SecretFileSetting = "Keys:Bootstrap:SecretFile";

    /// <summary>Where to leave a key for the local sample API (its revocation feeds need one); kept between runs.</summary>
    public const string ServiceKeyFileSetting = "Keys:Bootstrap:ServiceKeyFile";

    // Note: in StartAsync, not in the background: the service is healthy only once the key exists.
    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration[SecretFileSetting] is not { Length: > 0 } file) return;
        await using (var query = store.QuerySession())
            if (await AccountBootstrap.AnyAccountAsync(query, ct)) return;
        using var scope = scopes.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var session = sessions.OpenSession(bus);
        try
        {
            var created = await AccountBootstrap.CreateAsync(session, AccountBootstrap.DevelopmentAccountId, "development", clock.GetUtcNow(), ct, bus);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using var stream = new FileStream(file, options);
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync($"{created.Account.Id}\n{created.AdminKey.Secret}\n");
            if (configuration[ServiceKeyFileSetting] is { Length: > 0 } serviceKeyFile)
                await WriteServiceKeyAsync(created.Account.Id, serviceKeyFile, ct);
            logger.LogInformation("Created the development account {Account} and its admin key", created.Account.Id);
        }
        catch (Exception e) when (e is JasperFx.Events.ExistingStreamIdCollisionException or JasperFx.DocumentAlreadyExistsException
                                       || e.InnerException is JasperFx.Events.ExistingStreamIdCollisionException)
        {
            // Another replica bootstrapped first: one admin key is the point.
        }
    }

    /// <summary>A second key of the development account, for the sample API; overwrites the file of an earlier database.</summary>
    private async Task WriteServiceKeyAsync(Guid accountId, string file, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var session = sessions.OpenSession(bus);
        var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        var issued = IssueKeyEndpoint.Issue(new IssueKey("sample-api", "live", [Platform.Contracts.Scopes.FeedsRead], null),
            accountId, KeyEnvironment.Live, secret, Guid.CreateVersion7(), AccountBootstrap.Actor, clock.GetUtcNow());
        await AccountBootstrap.StartKeyAsync(session, issued, bus);
        await session.SaveChangesAsync(ct);
        // Written aside, then moved over the old one: the services that follow the feeds read this file while
        // they start, and must see the old key or the new one, never an empty or half-written file.
        var written = $"{file}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(written, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(secret);
        File.Move(written, file, overwrite: true);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
