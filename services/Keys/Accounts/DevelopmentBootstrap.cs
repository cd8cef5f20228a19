using Marten;

namespace Platform.Keys.Accounts;

/// <summary>
/// Under the local AppHost (Keys:Bootstrap:SecretFile set): on an empty platform, creates the
/// development account and its admin key and hands the secret to the AppHost through that file
/// (owner-only), which prints it once and deletes it. Never runs unless configured.
/// </summary>
public sealed class DevelopmentBootstrap(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<DevelopmentBootstrap> logger)
    : IHostedService
{
    public const string SecretFileSetting = "Keys:Bootstrap:SecretFile";

    // Note: in StartAsync, not in the background: the service is healthy only once the key exists.
    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration[SecretFileSetting] is not { Length: > 0 } file) return;
        await using var session = store.LightweightSession();
        if (await AccountBootstrap.AnyAccountAsync(session, ct)) return;
        try
        {
            var created = await AccountBootstrap.CreateAsync(session, AccountBootstrap.DevelopmentAccountId, "development", clock.GetUtcNow(), ct);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using var stream = new FileStream(file, options);
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync($"{created.Account.Id}\n{created.AdminKey.Secret}\n");
            logger.LogInformation("Created the development account {Account} and its admin key", created.Account.Id);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // Another replica bootstrapped first: one admin key is the point.
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
