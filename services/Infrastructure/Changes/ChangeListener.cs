using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Infrastructure.Changes;

/// <summary>
/// Mirrors database state into this replica's memory (a verification index, a denylist): LISTEN on a
/// channel first, then a full load (so no change can fall between them), then the notified changes in
/// batches. After a lost connection it listens and loads everything again, so a missed notification
/// loses nothing. Writers notify with <c>pg_notify</c> inside their own transaction (delivered on commit).
/// </summary>
public abstract class ChangeListener(NpgsqlDataSource dataSource, ILogger logger) : BackgroundService
{
    private const int MaxBatch = 500;

    protected abstract string Channel { get; }

    /// <summary>Replaces the whole mirror from the database.</summary>
    public abstract Task LoadAllAsync(CancellationToken ct);

    /// <summary>Applies distinct notification payloads; under write load many arrive per read.</summary>
    protected abstract Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct);

    /// <summary>Notifications may be missed from now until the next <see cref="LoadAllAsync"/>.</summary>
    protected virtual void OnConnectionLost()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(ct);
            }
            catch (Exception e) when ((e is NpgsqlException or TimeoutException or OperationCanceledException) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Listener on {Channel} lost its connection ({Reason}); reloading", Channel, e.Message);
                OnConnectionLost();
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var changed = System.Threading.Channels.Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => changed.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        await LoadAllAsync(ct);

        // A batch that fails to apply ends the round too: the next one reloads everything.
        using var round = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var refresh = RefreshAsync(changed.Reader, round.Token).ContinueWith(t =>
        {
            if (t.IsFaulted) round.Cancel();
        }, TaskScheduler.Default);
        try
        {
            // WaitAsync dispatches notifications; it throws when the connection dies, ending this round.
            while (!round.IsCancellationRequested) await connection.WaitAsync(round.Token);
        }
        finally
        {
            changed.Writer.TryComplete();
            await refresh;
        }
    }

    private async Task RefreshAsync(ChannelReader<string> changed, CancellationToken ct)
    {
        while (await changed.WaitToReadAsync(ct))
        {
            var payloads = new HashSet<string>(StringComparer.Ordinal);
            while (payloads.Count < MaxBatch && changed.TryRead(out var payload)) payloads.Add(payload);
            await ApplyAsync(payloads, ct);
        }
    }
}
