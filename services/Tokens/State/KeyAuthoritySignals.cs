using Npgsql;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Changes;

namespace Platform.Tokens.State;

/// <summary>
/// Keys' fast signals (<see cref="KeyAuthoritySignal"/>), applied to this replica's denylist the moment
/// Keys commits, so a token exchanged for a revoked or suspended key is refused (introspection, the
/// feed to resource servers) within milliseconds rather than after the durable event's trip through the queue.
/// </summary>
/// <remarks>Nothing to load after a reconnect: a signal missed meanwhile arrives anyway as the durable event, only later.</remarks>
public sealed class KeyAuthoritySignals(NpgsqlDataSource dataSource, Denylist denylist, ChangeFeed feed, ILogger<KeyAuthoritySignals> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => KeyAuthoritySignal.Channel;

    public override Task LoadAllAsync(CancellationToken ct) => Task.CompletedTask;

    protected override Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        foreach (var signal in payloads.Select(KeyAuthoritySignal.FromPayload).OfType<KeyAuthoritySignal>())
            if (denylist.Apply(signal) is { } standing) feed.Publish([TokenChangesEndpoint.KeyChanged(standing)]);
        return Task.CompletedTask;
    }
}
