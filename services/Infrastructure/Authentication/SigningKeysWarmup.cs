using Microsoft.Extensions.Hosting;
using Platform.Sdk.ResourceServer.AccessTokens;

namespace Platform.Infrastructure.Authentication;

/// <summary>
/// Fetches Tokens' signing keys once at start, again every second until Tokens answers (Tokens may start after this
/// service), so the first access token is checked at once instead of waiting on that fetch, or being answered 503.
/// </summary>
public sealed class SigningKeysWarmup(SigningKeys signingKeys, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5), Pause = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = clock.GetUtcNow();
        try
        {
            while (await signingKeys.ForAsync(null, stoppingToken) is null && clock.GetUtcNow() - started < GiveUpAfter)
                await Task.Delay(Pause, clock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before Tokens answered: the first request will fetch.
        }
    }
}
