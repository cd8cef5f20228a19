using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Infrastructure.Changes;

/// <summary>
/// Tells each account which of its keys (or agent credentials) have new usage rows. A usage flusher adds
/// <see cref="Announce"/> to the transaction that writes the rows; every replica LISTENs, so a subscriber
/// on any of them hears a <c>usage</c> event (<c>data: &lt;account&gt; &lt;id&gt; &lt;id&gt;…</c>) at the
/// commit, and only its own account's (<see cref="ChangeFeed"/> audiences).
/// </summary>
public sealed class UsageFeed(NpgsqlDataSource dataSource, string channel, ILogger<UsageFeed> logger) : ChangeListener(dataSource, logger)
{
    public const string Event = "usage";

    /// <summary>Ids per notification: a payload stays far below PostgreSQL's 8,000 bytes.</summary>
    public const int IdsPerNotification = 100;

    public ChangeFeed Feed { get; } = new();

    protected override string Channel => channel;

    /// <summary>Queues one notification per account (and per <see cref="IdsPerNotification"/> ids), sent when the session commits.</summary>
    public void Announce(IDocumentSession session, IEnumerable<(Guid Account, Guid Id)> changed)
    {
        foreach (var account in changed.GroupBy(c => c.Account, c => c.Id))
            foreach (var ids in account.Distinct().Chunk(IdsPerNotification))
                session.QueueSqlCommand("select pg_notify(?, ?)", channel, $"{account.Key} {string.Join(' ', ids)}");
    }

    /// <summary>A notification as the event its account's subscribers hear; null for one that is not ours.</summary>
    public static FeedEvent? Parse(string payload) =>
        payload.Length > 36 && Guid.TryParse(payload.AsSpan(0, 36), out var account)
            ? new FeedEvent(Event, payload) { Audience = account.ToString() }
            : null;

    /// <summary>Nothing to load: the feed opens, and streams from before a lost connection end.</summary>
    public override Task LoadAllAsync(CancellationToken ct)
    {
        Feed.Open();
        return Task.CompletedTask;
    }

    protected override void OnConnectionLost() => Feed.CloseAll();

    protected override Task ApplyAsync(IReadOnlyCollection<string> payloads, CancellationToken ct)
    {
        Feed.Publish(payloads.Select(Parse).OfType<FeedEvent>());
        return Task.CompletedTask;
    }
}

public static class UsageFeedRegistration
{
    /// <summary>This replica's <see cref="UsageFeed"/>, listening on <paramref name="channel"/>.</summary>
    public static IServiceCollection AddUsageFeed(this IServiceCollection services, string channel)
    {
        services.AddSingleton(sp => new UsageFeed(sp.GetRequiredService<NpgsqlDataSource>(), channel, sp.GetRequiredService<ILogger<UsageFeed>>()));
        services.AddHostedService(sp => sp.GetRequiredService<UsageFeed>());
        return services;
    }
}
