using System.Threading.Channels;
using Marten;
using Npgsql;
using Platform.Tokens.Clients;
using Platform.Tokens.Introspection;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.State;

/// <summary>
/// Fills the client index and the denylist and keeps them current on this replica: LISTEN first, then
/// a full load (no change can fall between them), then a read per notified change. After a lost
/// connection it listens and loads everything again, so a missed notification loses nothing.
/// </summary>
public sealed class StateSync(NpgsqlDataSource dataSource, IDocumentStore store, ClientIndex clients, Denylist denylist, TimeProvider clock, ILogger<StateSync> logger)
    : BackgroundService
{
    private volatile bool _loaded;

    public bool IsLoaded => _loaded;

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
                logger.LogWarning("Token state listener lost its connection ({Reason}); reloading", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var changed = Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => changed.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {StateChangeNotifier.Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        await LoadAllAsync(ct);

        using var round = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var refresh = RefreshAsync(changed.Reader, round.Token).ContinueWith(t =>
        {
            if (t.IsFaulted) round.Cancel();
        }, TaskScheduler.Default);
        try
        {
            while (!round.IsCancellationRequested) await connection.WaitAsync(round.Token);
        }
        finally
        {
            changed.Writer.TryComplete();
            await refresh;
        }
    }

    public async Task LoadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        clients.ReplaceAll(await session.Query<OAuthClient>().ToListAsync(ct));
        denylist.Clear();
        foreach (var standing in await session.Query<KeyStanding>().ToListAsync(ct)) denylist.Set(standing);
        foreach (var token in await session.Query<RevokedAccessToken>().Where(t => t.ExpiresAt > now).ToListAsync(ct)) denylist.Set(token);
        foreach (var family in await session.Query<RefreshFamily>().Where(f => f.RevokedAt != null && f.ExpiresAt > now).ToListAsync(ct))
            denylist.SetFamily(family.Id, family.RevokedAt);
        _loaded = true;
    }

    private async Task RefreshAsync(ChannelReader<string> changed, CancellationToken ct)
    {
        while (await changed.WaitToReadAsync(ct))
        {
            await using var session = store.QuerySession();
            while (changed.TryRead(out var payload)) await ApplyAsync(session, payload, ct);
        }
    }

    private async Task ApplyAsync(IQuerySession session, string payload, CancellationToken ct)
    {
        var separator = payload.IndexOf(':');
        if (separator <= 0) return;
        var (kind, id) = (payload[..separator], payload[(separator + 1)..]);
        switch (kind)
        {
            case StateChange.Client when Guid.TryParse(id, out var clientId):
                if (await session.LoadAsync<OAuthClient>(clientId, ct) is { } client) clients.Upsert(client);
                else clients.Remove(clientId);
                break;
            case StateChange.Family when Guid.TryParse(id, out var familyId):
                denylist.SetFamily(familyId, (await session.LoadAsync<RefreshFamily>(familyId, ct))?.RevokedAt);
                break;
            case StateChange.Key when Guid.TryParse(id, out var keyId):
                if (await session.LoadAsync<KeyStanding>(keyId, ct) is { } standing) denylist.Set(standing);
                else denylist.ForgetKey(keyId);
                break;
            case StateChange.Token:
                if (await session.LoadAsync<RevokedAccessToken>(id, ct) is { } token) denylist.Set(token);
                else denylist.ForgetToken(id);
                break;
        }
    }
}
