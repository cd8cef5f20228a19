using Platform.Keys.ApiKeys;

namespace Platform.Sdk.Tests;

/// <summary>A sample API with no key of its own: its feeds are off, so nothing is cached.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class WithoutFeedTests(PlatformFixture fixture)
{
    [Fact]
    public async Task without_feeds_every_request_is_verified_so_keys_rate_limit_comes_through_with_retry_after()
    {
        await using var api = await fixture.StartApiAsync(apiKey: null);
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, new IssueKey("limited", "live", ["chat:completions"], null, new RateLimit(3, 60)));

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++) statuses.Add((await api.ChatAsync(key.Secret)).Status);
        var (status, body, response) = await api.ChatAsync(key.Secret);

        statuses.ShouldContain(200);
        status.ShouldBe(429, body);
        body.ShouldBeSeedError(429, "Too Many Requests");
        int.Parse(response.Headers.RetryAfter.ToString()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task without_tokens_feed_an_access_token_is_refused_with_503_rather_than_accepted_blind()
    {
        await using var api = await fixture.StartApiAsync(apiKey: null);
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var jwt = await fixture.Tokens.ExchangeAsync(key.Secret);

        var (status, body, _) = await api.ChatAsync(jwt);

        status.ShouldBe(503, body);
        body.ShouldBeSeedError(503, "Service Unavailable");
        (await api.ChatAsync(key.Secret)).Status.ShouldBe(200);
    }
}
