using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Accounts;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.AccessTokens;
using Platform.Sdk.ResourceServer.Feeds;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Testing;

namespace Platform.Sdk.Tests;

/// <summary>
/// A suspended account's access tokens are refused by resource servers from the moment Tokens' feed says so, and
/// work again once it says the account is live at a newer version; an older "live" heard late changes nothing.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class SuspendedAccountTests(PlatformFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_verifier_refuses_a_token_of_an_account_the_feed_says_is_suspended_and_versions_decide_what_lifts_it()
    {
        var feed = new TestTokensFeed();
        await using var platform = await FakeTokensAsync(feed);
        var verifier = platform.GetRequiredService<AccessTokenVerifier>();
        var (account, bystander) = (Guid.NewGuid(), Guid.NewGuid());
        var token = TestAccessTokens.ForUser(Guid.NewGuid(), account, "chat:completions");
        var other = TestAccessTokens.ForUser(Guid.NewGuid(), bystander, "chat:completions");
        (await verifier.CheckAsync(token, Ct)).Principal.ShouldNotBeNull();

        feed.Publish("account-suspended", $"{account} 4");
        await Poll.UntilAsync(async () => (await verifier.CheckAsync(token, Ct)).Principal is null, seconds: 5);
        (await verifier.CheckAsync(token, Ct)).Refusal!.Message.ShouldBe(TokenDenylist.SuspendedMessage);
        (await verifier.CheckAsync(other, Ct)).Principal.ShouldNotBeNull("another account's token is untouched");

        feed.Publish("account-live", $"{account} 3");
        feed.Publish("account-suspended", $"{bystander} 1"); // applied after the late one: once it shows, the late one was heard
        await Poll.UntilAsync(async () => (await verifier.CheckAsync(other, Ct)).Principal is null, seconds: 5);
        (await verifier.CheckAsync(token, Ct)).Principal.ShouldBeNull("a reinstatement older than the suspension lifts nothing");

        feed.Publish("account-live", $"{account} 5");
        await Poll.UntilAsync(async () => (await verifier.CheckAsync(token, Ct)).Principal is not null, seconds: 5);
    }

    [Fact]
    public async Task keys_signal_to_tokens_reaches_the_resource_server_through_the_real_feed()
    {
        var (account, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var jwt = await fixture.Tokens.ExchangeAsync(key.Secret);
        (await fixture.Api.ChatAsync(jwt)).Status.ShouldBe(200);

        await SignalAsync(account, version: 2, suspended: true);
        await Poll.UntilAsync(async () => (await fixture.Api.ChatAsync(jwt)).Status == 401, seconds: 5);
        var (_, body, _) = await fixture.Api.ChatAsync(jwt);
        body.ShouldBeSeedError(401, "Unauthorized");
        body.ShouldContain("suspended");

        await SignalAsync(account, version: 3, suspended: false);
        await Poll.UntilAsync(async () => (await fixture.Api.ChatAsync(jwt)).Status == 200, seconds: 5);
    }

    [Fact]
    public async Task a_services_management_api_refuses_an_access_token_of_a_suspended_account_from_the_feed()
    {
        // Keys follows Tokens' feed with ServiceDefaults' validator; in these hosts its feed is a test one.
        var (account, _) = await fixture.CreateAccountAsync();
        var feed = fixture.Keys.Services.GetRequiredService<TestTokensFeed>();
        var token = TestAccessTokens.ForUser(Guid.NewGuid(), account, "keys:manage");
        await Poll.UntilAsync(async () => (await fixture.Keys.SendAsync(s => s.Get.Url("/api/keys"), token)).Status == 200);

        feed.Publish("account-suspended", $"{account} 2");
        await Poll.UntilAsync(async () => (await fixture.Keys.SendAsync(s => s.Get.Url("/api/keys"), token)).Status == 401, seconds: 5);
        (await fixture.Keys.SendAsync(s => s.Get.Url("/api/keys"), token)).Body.ShouldContain(TokenDenylist.SuspendedMessage);

        feed.Publish("account-live", $"{account} 3");
        await Poll.UntilAsync(async () => (await fixture.Keys.SendAsync(s => s.Get.Url("/api/keys"), token)).Status == 200, seconds: 5);
    }

    private Task SignalAsync(Guid account, long version, bool suspended) =>
        fixture.Tokens.NotifyAsync(AccountStandingSignal.Channel, new AccountStandingSignal(account, version, suspended).ToPayload(), Ct);

    /// <summary>The SDK's access-token half alone, against a Tokens of discovery, the test JWKS and <paramref name="feed"/>.</summary>
    private static async Task<ServiceProvider> FakeTokensAsync(TestTokensFeed feed)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddPlatformAuthentication(o => (o.PlatformUrl, o.ApiKey) = ("https://platform.test", "sk_test_feeds_key_of_this_test"));
        services.AddHttpClient(nameof(TokensApiClient)).ConfigurePrimaryHttpMessageHandler(() => new FakeTokens(feed));
        var provider = services.BuildServiceProvider();
        var tokensFeed = provider.GetRequiredService<TokensFeed>();
        await tokensFeed.StartAsync(Ct);
        await Poll.UntilAsync(() => Task.FromResult(tokensFeed.IsLive), seconds: 5);
        return provider;
    }

    private sealed class FakeTokens(TestTokensFeed feed) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(request.RequestUri!.AbsolutePath switch
        {
            "/oauth/changes" => feed.Subscribe(),
            "/.well-known/oauth-authorization-server" => Json("""{"issuer":"https://platform.test","jwks_uri":"https://platform.test/jwks"}"""),
            "/jwks" => Json(TestAccessTokens.Jwks),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
