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

        limiter.Heard(key.Id, window.Index, usedAtSync: 1, others: 7, replicas: 2);

        var admitted = Enumerable.Range(0, 5).Count(i => limiter.TryTake(key, now, out _));
        // 2 were left when last heard, and this replica's share of them is 1 (half a fair share, rounded up).
        admitted.ShouldBe(1);
        // Refused for now, to be asked again in a second, not at the window's end.
        limiter.TryTake(key, now, out var state).ShouldBeFalse();
        state!.Remaining.ShouldBe(0);
        state.ResetAt.ShouldBeLessThanOrEqualTo(now.AddSeconds(1));
        // Hearing that the other replica took nothing meanwhile: the last one is this replica's to take.
        limiter.Heard(key.Id, window.Index, usedAtSync: 2, others: 7, replicas: 2);
        limiter.TryTake(key, now, out _).ShouldBeTrue();
        limiter.TryTake(key, now, out state).ShouldBeFalse();
        state!.Remaining.ShouldBe(0);
        // What is heard about a window this replica has left behind changes nothing.
        limiter.Heard(key.Id, window.Index - 1, usedAtSync: 0, others: 0, replicas: 1);
        limiter.TryTake(key, now, out _).ShouldBeFalse();
    }
}
