using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults.Feeds;

/// <summary>
/// Turns a service's NOTIFY channel into <see cref="FeedEvent"/>s for its <see cref="ChangeFeed"/>.
/// Each (re)established LISTEN ends the open streams, since notifications may have been missed.
/// </summary>
public sealed class ChangeFeedRelay(
    NpgsqlDataSource dataSource, ChangeFeed feed, string channel, Func<IReadOnlyCollection<string>, CancellationToken, Task<IEnumerable<FeedEvent>>> translate, ILogger<ChangeFeedRelay> logger)
    : ChangeListener(dataSource, logger)
{
    private volatile bool _listening;

    public bool IsListening => _listening;

    protected override string Channel => channel;

    public override Task LoadAllAsync(CancellationToken ct)
    {
        feed.CloseAll();
        _listening = true;
        return Task.CompletedTask;
    }

    protected override async Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct) =>
        feed.Publish(await translate(payloads, ct));
}
