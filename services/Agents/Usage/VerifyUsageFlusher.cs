using Marten;

namespace Platform.Agents.Usage;

/// <summary>Every few seconds, adds what <see cref="VerifyUsageRecorder"/> counted to this replica's per-minute rows.</summary>
public sealed class VerifyUsageFlusher(VerifyUsageRecorder recorder, IDocumentStore store, ILogger<VerifyUsageFlusher> logger, IConfiguration configuration) : BackgroundService
{
    private readonly string _replica = Guid.NewGuid().ToString("N")[..12];

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Agents:Usage:FlushInterval", TimeSpan.FromSeconds(5)));
        while (await timer.WaitForNextTickAsync(ct)) await FlushAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await FlushAsync(ct); // what was counted since the last tick is not lost on a graceful stop
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var drained = recorder.Drain();
        if (drained.Count == 0) return;
        try
        {
            await using var session = store.LightweightSession();
            var ids = drained.Keys.Select(k => CredentialUsageMinute.IdFor(k.Credential, k.Minute, _replica)).ToArray();
            var existing = (await session.LoadManyAsync<CredentialUsageMinute>(ct, ids)).ToDictionary(m => m.Id);
            foreach (var ((credential, minute), bucket) in drained)
            {
                var id = CredentialUsageMinute.IdFor(credential, minute, _replica);
                session.Store(CredentialUsageMinute.Merge(id, credential, minute, bucket, existing.GetValueOrDefault(id)));
            }
            await session.SaveChangesAsync(ct);
        }
        // A failed flush must never stop the service; the counts are lost, which the log says.
        catch (Exception e) when (e is Npgsql.NpgsqlException or Marten.Exceptions.MartenCommandException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogWarning("Verify usage flush failed ({Reason}); {Count} credential-minutes dropped", e.Message, drained.Count);
        }
    }
}
