using Marten;
using Npgsql;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Verification;

/// <summary>
/// Fills the <see cref="KeyIndex"/> and keeps it current on this replica: LISTEN first, then a full
/// load (so no change can fall between them), then one snapshot read per notified key. After a lost
/// connection it listens and loads everything again, so a missed notification loses nothing.
/// </summary>
public sealed class KeyIndexSync(NpgsqlDataSource dataSource, IDocumentStore store, KeyIndex index, ILogger<KeyIndexSync> logger)
    : BackgroundService
{
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
                logger.LogWarning("Key change listener lost its connection ({Reason}); reloading", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var changed = System.Threading.Channels.Channel.CreateUnbounded<Guid>();
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var id)) changed.Writer.TryWrite(id);
        };
        await using (var listen = new NpgsqlCommand($"listen {KeyChangeNotifier.Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);

        await using (var session = store.QuerySession()) index.ReplaceAll(await session.Query<ApiKey>().ToListAsync(ct));
        logger.LogInformation("Key index loaded: {Count} keys", index.Count);

        // A key that fails to reload ends the round too: the next one reloads everything.
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

    /// <summary>Under write load notifications arrive faster than one read each: take all waiting, read them in one query.</summary>
    private async Task RefreshAsync(System.Threading.Channels.ChannelReader<Guid> changed, CancellationToken ct)
    {
        while (await changed.WaitToReadAsync(ct))
        {
            var ids = new HashSet<Guid>();
            while (ids.Count < 500 && changed.TryRead(out var id)) ids.Add(id);
            await using var session = store.QuerySession();
            var found = await session.LoadManyAsync<ApiKey>(ct, ids);
            foreach (var key in found) index.Upsert(key);
            foreach (var gone in ids.Except(found.Select(k => k.Id))) index.Remove(gone);
        }
    }
}
