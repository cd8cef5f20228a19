using Npgsql;
using Platform.Agents.Verification;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Changes;

namespace Platform.Agents.KeyAuthority;

/// <summary>
/// Keys' fast signals (<see cref="KeyAuthoritySignal"/>), applied to this replica's index the moment
/// Keys commits, so a credential derived from a revoked or suspended key is refused within milliseconds
/// rather than after the durable event's trip through the queue; then told to resource servers.
/// </summary>
/// <remarks>
/// Nothing to load after a reconnect: a signal missed meanwhile arrives anyway as the durable event
/// (<see cref="FollowKeyAuthorityHandler"/>), only later.
/// </remarks>
public sealed class KeyAuthoritySignals(NpgsqlDataSource dataSource, CredentialIndex index, ChangeFeed feed, ILogger<KeyAuthoritySignals> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => KeyAuthoritySignal.Channel;

    public override Task LoadAllAsync(CancellationToken ct) => Task.CompletedTask;

    protected override Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        var applied = payloads.Select(KeyAuthoritySignal.FromPayload).OfType<KeyAuthoritySignal>().Select(index.Apply).OfType<KeyStanding>().ToList();
        feed.Publish(applied.Select(k => CredentialChangesEndpoint.KeyChanged(k.Id, k.Version)));
        return Task.CompletedTask;
    }
}
