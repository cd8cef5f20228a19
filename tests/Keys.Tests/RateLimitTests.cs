using Platform.Contracts.Keys;
using System.Text.Json;
using Platform.Keys.ApiKeys;
using Platform.Keys.Verification;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class RateLimitTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    [Fact]
    public async Task a_key_with_a_limit_gets_429_with_retry_after_once_its_window_is_spent()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey() with { RateLimit = new RateLimit(3, 60) });
        await Host.VerifyUntilAsync(key.Secret, 200, TimeSpan.FromSeconds(10)); // uses one

        var second = await Host.VerifyAsync(key.Secret);
        await Host.VerifyAsync(key.Secret);
        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(new { key = key.Secret }).ToUrl("/api/keys/verify");
            s.StatusCodeShouldBe(429);
        });

        JsonSerializer.Deserialize<VerifiedKey>(second.Body, JsonSerializerOptions.Web)!.RateLimit!.Remaining.ShouldBe(1);
        int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()).ShouldBeInRange(1, 60);
        (await refused.ReadAsTextAsync()).ShouldStartWith("""{"statusCode":429,"error":"Too Many Requests","message":"Rate limit of 3 exceeded""");
    }

    [Fact]
    public async Task sandbox_keys_are_limited_by_default_and_live_keys_are_not()
    {
        var sandbox = await Host.IssueAsync(Admin, Scenarios.AKey("test"));
        var live = await Host.IssueAsync(Admin, Scenarios.AKey("live"));
        await Host.VerifyUntilAsync(live.Secret, 200, TimeSpan.FromSeconds(10));

        var view = JsonSerializer.Deserialize<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{sandbox.Id}"), Admin)).Body, JsonSerializerOptions.Web)!;
        var liveCheck = JsonSerializer.Deserialize<VerifiedKey>((await Host.VerifyAsync(live.Secret)).Body, JsonSerializerOptions.Web)!;

        view.RateLimit.ShouldBe(KeyRules.TestKeyDefault);
        liveCheck.RateLimit.ShouldBeNull();
    }

    [Fact]
    public async Task metadata_is_kept_with_the_key()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey() with { Metadata = new() { ["team"] = "billing", ["ticket"] = "OPS-12" } });

        var view = JsonSerializer.Deserialize<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}"), Admin)).Body, JsonSerializerOptions.Web)!;

        view.Metadata.ShouldBe(new Dictionary<string, string> { ["team"] = "billing", ["ticket"] = "OPS-12" }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"name":"x","environment":"live","rateLimit":{"limit":0,"windowSeconds":60}}""")]
    [InlineData("""{"name":"x","environment":"live","rateLimit":{"limit":5,"windowSeconds":0}}""")]
    [InlineData("""{"name":"x","environment":"live","metadata":{"":"empty key"}}""")]
    public async Task invalid_limits_and_metadata_are_400(string body)
    {
        var (status, answer) = await Host.SendAsync(s =>
        {
            s.Post.Text(body).ToUrl("/api/keys");
            s.WithRequestHeader("Content-Type", "application/json");
        }, Admin);

        status.ShouldBe(400);
        answer.ShouldStartWith("{\"statusCode\":400,\"error\":\"Bad Request\"");
    }

    [Fact]
    public void what_other_replicas_admitted_in_the_window_counts_against_the_limit_here()
    {
        var limiter = new KeyRateLimiter();
        var now = DateTimeOffset.UtcNow;
        var key = new ApiKey(Guid.NewGuid(), Guid.NewGuid(), "k", KeyEnvironment.Live, [], KeyStatus.Active, "h", "sk_live_…abcd", now, null)
            { RateLimit = new RateLimit(10, 86_400) };
        limiter.TryTake(key, now, out _).ShouldBeTrue();
        var window = limiter.Current(now).ShouldHaveSingleItem();
        window.Used.ShouldBe(1);

        limiter.Heard(key.Id, window.Index, usedAtSync: 1, others: 7, replicas: 2, readAt: now.AddSeconds(1));

        var admitted = Enumerable.Range(0, 5).Count(i => limiter.TryTake(key, now, out _));
        // 2 were left when last heard, and this replica's share of them is 1 (half a fair share, rounded up).
        admitted.ShouldBe(1);
        // Refused for now, to be asked again in a second, not at the window's end.
        limiter.TryTake(key, now, out var state).ShouldBeFalse();
        state!.Remaining.ShouldBe(0);
        state.ResetAt.ShouldBeLessThanOrEqualTo(now.AddSeconds(1));
        // Hearing that the other replica took nothing meanwhile: the last one is this replica's to take.
        limiter.Heard(key.Id, window.Index, usedAtSync: 2, others: 7, replicas: 2, readAt: now.AddSeconds(1));
        limiter.TryTake(key, now, out _).ShouldBeTrue();
        limiter.TryTake(key, now, out state).ShouldBeFalse();
        state!.Remaining.ShouldBe(0);
        // What is heard about a window this replica has left behind changes nothing.
        limiter.Heard(key.Id, window.Index - 1, usedAtSync: 0, others: 0, replicas: 1, readAt: now.AddSeconds(1));
        limiter.TryTake(key, now, out _).ShouldBeFalse();
    }

    private static ApiKey Limited(int limit, DateTimeOffset now) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "k", KeyEnvironment.Live, [], KeyStatus.Active, "h", "sk_live_…abcd", now, null)
            { RateLimit = new RateLimit(limit, 86_400) };

    [Fact]
    public void replicas_starting_on_a_key_together_take_a_share_of_it_each_until_they_have_heard_of_each_other()
    {
        var now = DateTimeOffset.UtcNow;
        var key = Limited(100, now);
        var replicas = Enumerable.Range(0, 3).Select(_ => new KeyRateLimiter { LiveReplicas = 3 }).ToArray();

        // All three hammer the key before any reconciliation: each takes one use, then waits to hear.
        var admitted = replicas.Select(r => Enumerable.Range(0, 100).Count(i => r.TryTake(key, now, out _, out var hearing) && hearing is null)).ToArray();
        admitted.ShouldAllBe(a => a == 1);
        replicas[0].TryTake(key, now, out _, out var waiting).ShouldBeFalse();
        waiting.ShouldNotBeNull();
        waiting.IsCompleted.ShouldBeFalse();

        // A reconciliation (one interval on) wakes the waiting requests; each then has half a fair share of what is left.
        var index = replicas[0].Current(now).ShouldHaveSingleItem().Index;
        foreach (var r in replicas) r.Heard(key.Id, index, usedAtSync: 1, others: 2, replicas: 3, readAt: now.AddMilliseconds(100));
        waiting.IsCompleted.ShouldBeTrue();
        var more = replicas.Select(r => Enumerable.Range(0, 100).Count(i => r.TryTake(key, now, out _, out var hearing) && hearing is null)).Sum();
        more.ShouldBe(3 * 17); // ⌈97 ÷ 6⌉ each

        // Settled (heard late enough that every replica serving the key has written), replicas refuse rather than wait.
        foreach (var r in replicas) r.Heard(key.Id, index, usedAtSync: 18, others: 36, replicas: 3, readAt: now.AddMilliseconds(300));
        var total = 54 + replicas.Select(r => Enumerable.Range(0, 100).Count(i => r.TryTake(key, now, out _, out var hearing) && hearing is null)).Sum();
        total.ShouldBeLessThanOrEqualTo(100);
        replicas[0].TryTake(key, now, out _, out var none).ShouldBeFalse();
        none.ShouldBeNull();
    }

    [Fact]
    public void a_lightly_used_key_is_delayed_until_the_next_reconciliation_never_refused_early()
    {
        var now = DateTimeOffset.UtcNow;
        var key = Limited(2, now);
        var limiter = new KeyRateLimiter { LiveReplicas = 3 };

        limiter.TryTake(key, now, out _, out var first).ShouldBeTrue();
        first.ShouldBeNull();
        // The second use, before any reconciliation, waits for one instead of a 429.
        limiter.TryTake(key, now, out _, out var hearing).ShouldBeFalse();
        hearing.ShouldNotBeNull();
        var index = limiter.Current(now).ShouldHaveSingleItem().Index;
        limiter.Heard(key.Id, index, usedAtSync: 1, others: 0, replicas: 1, readAt: now.AddMilliseconds(50));
        hearing.IsCompleted.ShouldBeTrue();
        limiter.TryTake(key, now, out _, out hearing).ShouldBeTrue();
        // The limit itself is refused at once.
        limiter.TryTake(key, now, out var state, out hearing).ShouldBeFalse();
        hearing.ShouldBeNull();
        state!.Remaining.ShouldBe(0);
    }

    [Fact]
    public async Task a_request_waiting_for_a_reconciliation_that_never_comes_is_refused_after_the_longest_wait()
    {
        var now = DateTimeOffset.UtcNow;
        var key = Limited(10, now);
        var limiter = new KeyRateLimiter { LiveReplicas = 3, LongestWait = TimeSpan.FromMilliseconds(50) };
        (await limiter.TakeAsync(key, TimeProvider.System, TestContext.Current.CancellationToken)).Admitted.ShouldBeTrue();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (admitted, state) = await limiter.TakeAsync(key, TimeProvider.System, TestContext.Current.CancellationToken);

        // Refused for a second (its share), not for the window; and only after waiting.
        admitted.ShouldBeFalse();
        state!.Limit.ShouldBe(10);
        state.ResetAt.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow.AddSeconds(1));
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public void one_replica_alone_takes_the_whole_limit_without_waiting()
    {
        var now = DateTimeOffset.UtcNow;
        var key = Limited(5, now);
        var limiter = new KeyRateLimiter();

        Enumerable.Range(0, 5).Count(i => limiter.TryTake(key, now, out _, out var hearing) && hearing is null).ShouldBe(5);
        limiter.TryTake(key, now, out _, out var none).ShouldBeFalse();
        none.ShouldBeNull();
    }
}
