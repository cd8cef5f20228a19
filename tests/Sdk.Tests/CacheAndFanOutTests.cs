using Platform.Sdk.ResourceServer.Caching;
using Platform.Infrastructure.Changes;

namespace Platform.Sdk.Tests;

/// <summary>Plain unit tests of the two halves of the protocol: the service's fan-out and the resource server's cache.</summary>
public sealed class CacheAndFanOutTests
{
    private sealed record Accepted(string Name);

    [Fact]
    public void a_feed_takes_no_subscriber_while_its_replica_is_not_listening_and_ends_every_stream_when_listening_is_lost()
    {
        var feed = new ChangeFeed();
        feed.Subscribe().ShouldBeNull();

        feed.Open();
        using var subscription = feed.Subscribe();
        subscription.ShouldNotBeNull();
        feed.Publish([new FeedEvent("key", "k1")]);
        subscription.Events.TryRead(out var e).ShouldBeTrue();
        e!.Id.ShouldBe("k1");

        feed.CloseAll();
        subscription.Events.Completion.IsCompleted.ShouldBeTrue();
        feed.Subscribe().ShouldBeNull();
    }

    [Fact]
    public void an_acceptance_is_cached_only_while_the_feed_is_live_and_evicted_by_any_id_it_names()
    {
        var cache = new AcceptanceCache<Accepted>(TimeProvider.System);
        var (credential, key) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Store("a", new Accepted("a"), [new(credential, 1), new(key, 1)], DateTimeOffset.UtcNow.AddMinutes(5), cache.Generation);
        cache.Find("a").ShouldBeNull();

        cache.Reset(enabled: true);
        cache.Store("a", new Accepted("a"), [new(credential, 1), new(key, 1)], DateTimeOffset.UtcNow.AddMinutes(5), cache.Generation);
        cache.Find("a").ShouldNotBeNull();
        cache.Evict(key);
        cache.Find("a").ShouldBeNull();
    }

    [Fact]
    public void an_answer_in_flight_during_an_eviction_is_not_stored()
    {
        var cache = new AcceptanceCache<Accepted>(TimeProvider.System);
        cache.Reset(enabled: true);
        var before = cache.Generation;

        cache.Evict(Guid.NewGuid());
        cache.Store("a", new Accepted("a"), [new(Guid.NewGuid(), 1)], DateTimeOffset.UtcNow.AddMinutes(5), before);

        cache.Find("a").ShouldBeNull();
    }

    [Fact]
    public void an_acceptance_is_not_reused_after_its_time()
    {
        var cache = new AcceptanceCache<Accepted>(TimeProvider.System);
        cache.Reset(enabled: true);
        cache.Store("a", new Accepted("a"), [new(Guid.NewGuid(), 1)], DateTimeOffset.UtcNow.AddSeconds(-1), cache.Generation);
        cache.Find("a").ShouldBeNull();
    }

    [Fact]
    public void an_answer_older_than_a_change_the_feed_announced_is_not_stored_even_when_asked_for_after_it()
    {
        var cache = new AcceptanceCache<Accepted>(TimeProvider.System);
        cache.Reset(enabled: true);
        var (credential, key) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Evict(key, version: 5);

        // Asked after the eviction (same generation), answered by a replica that still knew version 4.
        cache.Store("stale", new Accepted("stale"), [new(credential, 1), new(key, 4)], DateTimeOffset.UtcNow.AddMinutes(5), cache.Generation);
        cache.Find("stale").ShouldBeNull();

        cache.Store("fresh", new Accepted("fresh"), [new(credential, 1), new(key, 5)], DateTimeOffset.UtcNow.AddMinutes(5), cache.Generation);
        cache.Find("fresh").ShouldNotBeNull();
    }

    [Fact]
    public void versions_heard_before_a_reconnect_still_hold_after_it()
    {
        var cache = new AcceptanceCache<Accepted>(TimeProvider.System);
        cache.Reset(enabled: true);
        var key = Guid.NewGuid();
        cache.Evict(key, version: 3);
        cache.Reset(enabled: false);
        cache.Reset(enabled: true);

        cache.Store("a", new Accepted("a"), [new(key, 2)], DateTimeOffset.UtcNow.AddMinutes(5), cache.Generation);
        cache.Find("a").ShouldBeNull();
    }
}
