using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Platform.Tokens.Signing;

/// <summary>
/// On every replica: run the rotation decision now and then, and reload the ring from the database.
/// The ring is ready (and /health says so) once the first load has a key that signs.
/// </summary>
public sealed class SigningKeyRotator(IServiceProvider services, SigningKeyRing ring, IOptions<TokensOptions> options, ILogger<SigningKeyRotator> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Signing key rotation check failed; retrying");
            }
            await Task.Delay(ring.Current(DateTimeOffset.UtcNow) is null ? TimeSpan.FromSeconds(1) : options.Value.Signing.CheckInterval, ct);
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new RotateSigningKeys(), ct);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            logger.LogDebug("Another replica rotated the signing keys first");
        }
        await ReloadAsync(ct);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        ring.Replace(await session.Query<SigningKey>().ToListAsync(ct));
    }
}
