using System.Threading.Channels;
using Marten;
using Npgsql;
using Platform.Agents.Credentials;
using Platform.Agents.KeyAuthority;

namespace Platform.Agents.Verification;

/// <summary>
/// Fills the <see cref="CredentialIndex"/> and keeps it current on this replica: LISTEN first, then a
/// full load (so no change can fall between them), then one read per notified credential or key. After
/// a lost connection it listens and loads everything again, so a missed notification loses nothing.
/// </summary>
public sealed class CredentialIndexSync(NpgsqlDataSource dataSource, IDocumentStore store, CredentialIndex index, TimeProvider clock, ILogger<CredentialIndexSync> logger)
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
                logger.LogWarning("Agent credential listener lost its connection ({Reason}); reloading", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var changed = Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => changed.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {CredentialChangeNotifier.Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);

        await using (var session = store.QuerySession())
        {
            // Only credentials that can still verify: expired ones would only grow the index.
            var now = clock.GetUtcNow();
            var live = await session.Query<AgentCredential>().Where(c => c.Status != CredentialStatus.Expired && c.ExpiresAt > now).ToListAsync(ct);
            index.ReplaceAll(live, await session.Query<KeyStanding>().ToListAsync(ct));
        }
        logger.LogInformation("Agent credential index loaded: {Count} credentials", index.Count);

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

    /// <summary>Takes every waiting notification and reads them in two queries.</summary>
    private async Task RefreshAsync(ChannelReader<string> changed, CancellationToken ct)
    {
        while (await changed.WaitToReadAsync(ct))
        {
            var (credentials, keys) = (new HashSet<Guid>(), new HashSet<Guid>());
            while (credentials.Count + keys.Count < 500 && changed.TryRead(out var payload))
            {
                if (payload.Length < 3 || !Guid.TryParse(payload.AsSpan(2), out var id)) continue;
                (payload[0] == 'k' ? keys : credentials).Add(id);
            }
            await using var session = store.QuerySession();
            if (keys.Count > 0)
                foreach (var key in await session.LoadManyAsync<KeyStanding>(ct, keys)) index.Upsert(key);
            if (credentials.Count == 0) continue;
            var found = await session.LoadManyAsync<AgentCredential>(ct, credentials);
            foreach (var credential in found) index.Upsert(credential);
            foreach (var gone in credentials.Except(found.Select(c => c.Id))) index.Remove(gone);
        }
    }
}
