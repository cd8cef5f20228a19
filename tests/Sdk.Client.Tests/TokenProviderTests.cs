using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Sdk.Client.Clients;
using Platform.Sdk.Client.Tokens;
using Platform.Secrets;

namespace Platform.Sdk.Client.Tests;

public sealed class TokenProviderTests(PlatformFixture platform) : SdkContext(platform)
{
    private const string TokenPath = "/oauth/token";
    private const string ExchangePath = "/api/auth/v1/token";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    /// <summary>A confidential client, already accepted by the token endpoint (Tokens' client index catches up by notification).</summary>
    private async Task<PlatformOptions> ClientCredentialsAsync(params string[] scopes)
    {
        var client = await Client.Clients.RegisterAsync(new RegisterClientRequest("sdk-worker", Scopes: scopes.Length == 0 ? ["models:read"] : scopes,
            GrantTypes: ["client_credentials"]), Ct);
        var options = new PlatformOptions { Url = PlatformFixture.Url, ClientId = client.ClientId.ToString(), ClientSecret = client.ClientSecret };
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await new PlatformTokenProvider(Http(), options).GetTokenAsync(Ct);
                return true;
            }
            catch (PlatformApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
            {
                return false;
            }
        });
        return options;
    }

    [Fact]
    public async Task client_credentials_token_is_cached_until_60_seconds_before_expiry_then_replaced()
    {
        var provider = new PlatformTokenProvider(Http(), await ClientCredentialsAsync(), _time);
        var calls = Router.Calls(TokenPath);

        var first = await provider.GetTokenAsync(Ct);
        first.Split('.').Length.ShouldBe(3);
        var lifetime = provider.ExpiresAt!.Value - _time.GetUtcNow();
        lifetime.ShouldBe(TimeSpan.FromHours(1));
        (await provider.GetTokenAsync(Ct)).ShouldBe(first);

        _time.Advance(lifetime - TimeSpan.FromSeconds(61));
        (await provider.GetTokenAsync(Ct)).ShouldBe(first);
        (Router.Calls(TokenPath) - calls).ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(2));
        var second = await provider.GetTokenAsync(Ct);
        second.ShouldNotBe(first);
        (Router.Calls(TokenPath) - calls).ShouldBe(2);
    }

    [Fact]
    public async Task the_refresh_lead_is_configurable()
    {
        var options = await ClientCredentialsAsync();
        options.RefreshBeforeExpiry = TimeSpan.FromMinutes(10);
        var provider = new PlatformTokenProvider(Http(), options, _time);
        var first = await provider.GetTokenAsync(Ct);

        _time.Advance(TimeSpan.FromMinutes(49));
        (await provider.GetTokenAsync(Ct)).ShouldBe(first);
        _time.Advance(TimeSpan.FromMinutes(2));
        (await provider.GetTokenAsync(Ct)).ShouldNotBe(first);
    }

    [Fact]
    public async Task fifty_concurrent_callers_share_one_token_request()
    {
        var provider = new PlatformTokenProvider(Http(), await ClientCredentialsAsync(), _time);
        var calls = Router.Calls(TokenPath);
        Router.Delay = TimeSpan.FromMilliseconds(200);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await provider.GetTokenAsync(Ct))));

        tokens.Distinct().Count().ShouldBe(1);
        (Router.Calls(TokenPath) - calls).ShouldBe(1);

        // And again when the token is due: still one request for all of them.
        _time.Advance(TimeSpan.FromMinutes(59.5));
        var renewed = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await provider.GetTokenAsync(Ct))));
        renewed.Distinct().Single().ShouldNotBe(tokens[0]);
        (Router.Calls(TokenPath) - calls).ShouldBe(2);
    }

    [Fact]
    public async Task a_401_from_the_api_gets_a_new_token_and_one_retry_with_the_same_body()
    {
        var provider = new PlatformTokenProvider(Http(), await ClientCredentialsAsync(), _time);
        var api = new DownstreamApi(rejectFirst: 1);
        var http = new HttpClient(new PlatformTokenHandler(provider) { InnerHandler = api }) { BaseAddress = new Uri("http://api.test/") };
        var calls = Router.Calls(TokenPath);

        var response = await http.PostAsync("v1/chat/completions", new StringContent("{\"model\":\"m\"}"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        api.Seen.Count.ShouldBe(2);
        api.Seen[0].Token.ShouldNotBe(api.Seen[1].Token);
        api.Seen.ShouldAllBe(s => s.Body == "{\"model\":\"m\"}");
        (Router.Calls(TokenPath) - calls).ShouldBe(2);
        (await provider.GetTokenAsync(Ct)).ShouldBe(api.Seen[1].Token);
    }

    [Fact]
    public async Task a_second_401_is_returned_as_it_came_without_further_retries()
    {
        var provider = new PlatformTokenProvider(Http(), await ClientCredentialsAsync(), _time);
        var api = new DownstreamApi(rejectFirst: int.MaxValue);
        var http = new HttpClient(new PlatformTokenHandler(provider) { InnerHandler = api }) { BaseAddress = new Uri("http://api.test/") };

        var response = await http.GetAsync("v1/models", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.Seen.Count.ShouldBe(2);
    }

    [Fact]
    public async Task api_key_mode_exchanges_the_key_for_a_token()
    {
        var key = await LiveKeyAsync("models:read", "chat:completions");
        var provider = new PlatformTokenProvider(Http(), new PlatformOptions { Url = PlatformFixture.Url, ApiKey = key.Secret, Scopes = ["models:read"] }, _time);
        var calls = Router.Calls(ExchangePath);

        var token = await provider.GetTokenAsync(Ct);

        token.Split('.').Length.ShouldBe(3);
        (provider.ExpiresAt!.Value - _time.GetUtcNow()).ShouldBe(TimeSpan.FromHours(1));
        (Router.Calls(ExchangePath) - calls).ShouldBe(1);
        Router.Calls(TokenPath).ShouldBe(0);
        // The token is the platform's own: Agents accepts it as a parent.
        var minted = await new PlatformClient(Http(new BearerHandler(token))).Agents.MintAsync(new("exchanged-agent"), Ct);
        minted.Scopes.ShouldBe(["models:read"]);
    }

    [Fact]
    public async Task a_revoked_key_is_refused_by_the_exchange_with_a_clear_exception_and_no_secret()
    {
        var key = await LiveKeyAsync("models:read");
        await Client.Keys.RevokeAsync(key.Id, "rotated out", ct: Ct);
        await Platform.KeyVerifiesAsync(key.Secret, 401);
        var provider = new PlatformTokenProvider(Http(), new PlatformOptions { Url = PlatformFixture.Url, ApiKey = key.Secret }, _time);

        var error = await Should.ThrowAsync<PlatformApiException>(() => provider.GetTokenAsync(Ct).AsTask());

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.ToString().ShouldNotContain(key.Secret);
    }

    [Fact]
    public async Task a_wrong_client_secret_is_an_invalid_client_exception_without_the_secret()
    {
        var options = await ClientCredentialsAsync();
        var wrong = "cs_" + new string('Z', 32);
        options.ClientSecret = wrong + SecretFormat.Checksum(wrong);
        var provider = new PlatformTokenProvider(Http(), options, _time);

        var error = await Should.ThrowAsync<PlatformApiException>(() => provider.GetTokenAsync(Ct).AsTask());

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Error.ShouldBe("invalid_client");
        error.ToString().ShouldNotContain(options.ClientSecret);
    }

    [Fact]
    public async Task add_platform_tokens_puts_a_token_on_a_named_client_from_configuration()
    {
        var options = await ClientCredentialsAsync();
        var api = new DownstreamApi(rejectFirst: 0);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:Url"] = PlatformFixture.Url.ToString(),
            ["Platform:ClientId"] = options.ClientId,
            ["Platform:ClientSecret"] = options.ClientSecret,
        }).Build());
        services.AddHttpClient(PlatformTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Router);
        services.AddHttpClient("models", c => c.BaseAddress = new Uri("http://api.test/")).AddPlatformTokens().ConfigurePrimaryHttpMessageHandler(() => api);
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("models").GetAsync("v1/models", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        api.Seen.Single().Token.ShouldBe(await provider.GetRequiredService<PlatformTokenProvider>().GetTokenAsync(Ct));
    }

    /// <summary>Stands in for a resource API: refuses the first <c>rejectFirst</c> requests with 401, and records what it saw.</summary>
    private sealed class DownstreamApi(int rejectFirst) : HttpMessageHandler
    {
        public ConcurrentQueue<(string? Token, string? Body)> Requests { get; } = new();
        public List<(string? Token, string? Body)> Seen => [.. Requests];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue((request.Headers.Authorization?.Parameter, body));
            return new HttpResponseMessage(Requests.Count <= rejectFirst ? HttpStatusCode.Unauthorized : HttpStatusCode.OK) { RequestMessage = request };
        }
    }

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
