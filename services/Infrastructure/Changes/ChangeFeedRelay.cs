using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Infrastructure.Changes;

/// <summary>
/// Turns a service's NOTIFY channel into <see cref="FeedEvent"/>s for its <see cref="ChangeFeed"/>.
/// The feed is open only while LISTEN is: a lost connection ends every stream at once (what follows
/// may be missed) and refuses new ones until LISTEN is back.
/// </summary>
public sealed class ChangeFeedRelay(
    NpgsqlDataSource dataSource, ChangeFeed feed, string channel, Func<IReadOnlyCollection<string>, CancellationToken, Task<IEnumerable<FeedEvent>>> translate, ILogger<ChangeFeedRelay> logger)
    : ChangeListener(dataSource, logger)
{
    protected override string Channel => channel;

    public override Task LoadAllAsync(CancellationToken ct)
    {
        feed.Open();
        return Task.CompletedTask;
    }

    protected override void OnConnectionLost() => feed.CloseAll();

    protected override async Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct) =>
        feed.Publish(await translate(payloads, ct));
}
