using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Infrastructure.Persistence;

/// <summary>
/// Writes out, every few seconds, what a hot path counted in memory (usage per minute), so the hot path
/// never waits on the database. One more flush on a graceful stop loses nothing counted since the last
/// tick; a failed flush drops that batch, says so, and never stops the service.
/// </summary>
public abstract class PeriodicFlusher(IConfiguration configuration, string intervalSetting, ILogger logger, TimeSpan? defaultInterval = null) : BackgroundService
{
    /// <summary>Names this replica's rows, so replicas never write the same row.</summary>
    protected string Replica { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Writes one batch; returns how many rows it held, for the log when it fails.</summary>
    protected abstract Task FlushOnceAsync(Action<int> batchSize, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(intervalSetting, defaultInterval ?? TimeSpan.FromSeconds(5)));
        while (await timer.WaitForNextTickAsync(ct)) await FlushAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await FlushAsync(ct);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var size = 0;
        try
        {
            await FlushOnceAsync(n => size = n, ct);
        }
        // A host shutting down can refuse the session or the outbox too.
        catch (Exception e) when (e is Npgsql.NpgsqlException or Marten.Exceptions.MartenCommandException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogWarning("{Flusher} failed ({Reason}); {Count} rows dropped", GetType().Name, e.Message, size);
        }
    }
}
