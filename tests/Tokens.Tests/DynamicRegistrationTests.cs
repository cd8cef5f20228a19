using Alba;
using System.Threading.RateLimiting;
using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Tokens.Clients;
using Platform.Tokens.Registration;
using Platform.Tokens.State;

namespace Platform.Tokens.Tests;

/// <summary>RFC 7591: public clients (MCP clients) register themselves, within limits, and are audited.</summary>
public class DynamicRegistrationTests(TokensFixture fixture) : TokensContext(fixture)
{
    private async Task<Answer> RegisterAsync(object metadata) => await Answer.From(await Api.Http.PostAsJsonAsync("/oauth/register", metadata, Ct));

    private static object McpClient(params string[] redirects) => new
    {
        client_name = "Claude Desktop", redirect_uris = redirects.Length == 0 ? [CodeFlow.RedirectUri] : redirects,
        grant_types = new[] { "authorization_code", "refresh_token" }, response_types = new[] { "code" }, token_endpoint_auth_method = "none",
    };

    [Fact]
    public async Task a_public_client_registers_itself_and_signs_a_user_in_with_pkce()
    {
        var answer = await RegisterAsync(McpClient());

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        answer.Str("token_endpoint_auth_method").ShouldBe("none");
        answer.Text.ShouldNotContain("client_secret");
        answer.Json.GetProperty("client_id_issued_at").GetInt64().ShouldBeGreaterThan(0);
        var clientId = Guid.Parse(answer.Str("client_id"));
        await Wait.Until(() => Task.FromResult(Tokens.Services.GetRequiredService<ClientIndex>().TryFind(clientId.ToString(), out _)));

        var user = await CodeFlow.StartAsync(Api);
        var flow = new CodeFlow(Api, new RegisteredClient(clientId, null, null!), user.Email, user.Password);
        var callback = await flow.SignInAsync(new Browser(Tokens));
        (await flow.RedeemAsync(callback["code"])).Status.ShouldBe(HttpStatusCode.OK);

        // The first redemption marks the registration as used (it will not expire).
        var store = Tokens.Services.GetRequiredService<IDocumentStore>();
        await Wait.Until(async () =>
        {
            await using var session = store.QuerySession();
            return (await session.LoadAsync<OAuthClient>(clientId, Ct))?.FirstUsedAt is not null;
        });
    }

    [Theory]
    [InlineData("client_secret_post")]
    [InlineData("client_secret_basic")]
    public async Task a_client_asking_for_a_secret_is_registered_public_and_told_none(string method)
    {
        var answer = await Answer.From(await Api.Http.PostAsJsonAsync("/oauth/register", new { redirect_uris = new[] { CodeFlow.RedirectUri }, token_endpoint_auth_method = method }, Ct));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        answer.Str("token_endpoint_auth_method").ShouldBe("none");
        answer.Text.ShouldNotContain("client_secret");
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { """{"redirect_uris":["http://app.example.com/cb"],"token_endpoint_auth_method":"none"}""", "invalid_redirect_uri" },
        { """{"redirect_uris":[],"token_endpoint_auth_method":"none"}""", "invalid_redirect_uri" },
        { """{"token_endpoint_auth_method":"none"}""", "invalid_redirect_uri" },
        { """{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata" },
        { """{"redirect_uris":["https://app.example.com/cb"],"grant_types":["client_credentials"]}""", "invalid_client_metadata" },
        { """{"redirect_uris":["https://app.example.com/cb"],"scope":"admin"}""", "invalid_client_metadata" },
        { """{"redirect_uris":["https://app.example.com/cb"],"scope":"keys:manage"}""", "invalid_client_metadata" },
        { """{"redirect_uris":["https://app.example.com/cb"],"response_types":["token"]}""", "invalid_client_metadata" },
        { """not json""", "invalid_client_metadata" },
        { """null""", "invalid_client_metadata" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task a_registration_outside_the_limits_is_refused_with_the_rfc_7591_error(string body, string error)
    {
        var answer = await Answer.From(await Api.Http.PostAsync("/oauth/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.Str("error").ShouldBe(error);
    }

    [Fact]
    public void registrations_are_rate_limited_per_address_and_minute()
    {
        using var limiter = PartitionedRateLimiter.Create<string, string>(address => RegistrationRateLimit.Partition(address, 3));

        Enumerable.Range(0, 3).All(_ => limiter.AttemptAcquire("10.0.0.1").IsAcquired).ShouldBeTrue();
        using var refused = limiter.AttemptAcquire("10.0.0.1");
        refused.IsAcquired.ShouldBeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue();
        retryAfter.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        limiter.AttemptAcquire("10.0.0.2").IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task a_registration_past_the_limit_is_429_with_retry_after_in_the_oauth_error_shape()
    {
        // An address of its own, whose window is made while the limit reads 3 (the fixture's 10,000 a minute is for
        // every other test's unaddressed requests); a window keeps the limit it was made with.
        var address = IPAddress.Parse($"10.9.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}");
        var settings = Tokens.Services.GetRequiredService<IOptions<TokensOptions>>().Value.Registration;
        var fixtureLimit = settings.PerMinute;
        var answers = new List<IScenarioResult>();
        try
        {
            settings.PerMinute = 3;
            for (var i = 0; i < 4; i++)
                answers.Add(await Tokens.Scenario(s =>
                {
                    s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = address);
                    s.Post.Json(McpClient()).ToUrl("/oauth/register");
                    s.IgnoreStatusCode();
                }));
        }
        finally
        {
            settings.PerMinute = fixtureLimit;
        }

        answers.Take(3).ShouldAllBe(a => a.Context.Response.StatusCode == 201);
        var last = answers[^1];
        last.Context.Response.StatusCode.ShouldBe(429);
        last.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        var error = await last.ReadAsJsonAsync<System.Text.Json.JsonElement>();
        error.GetProperty("error").GetString().ShouldBe("invalid_request");
    }

    [Fact]
    public async Task discovery_names_the_registration_endpoint()
    {
        var metadata = await Answer.From(await Api.Http.GetAsync("/.well-known/oauth-authorization-server", Ct));

        metadata.Str("registration_endpoint").ShouldBe($"{TokensFixture.Issuer}/oauth/register");
    }

    [Fact]
    public async Task a_registration_never_used_within_its_lifetime_is_disabled_and_a_used_one_is_kept()
    {
        var lifetime = new TokensOptions().Registration.UnusedLifetime;
        var longAgo = DateTimeOffset.UtcNow - lifetime - TimeSpan.FromMinutes(5);
        var (unused, used) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var store = Tokens.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            OAuthClientRegistered Registered(Guid id) => new(id, Guid.Empty, "mcp", ClientType.Public, [CodeFlow.RedirectUri], [], ["authorization_code"], null, "test", longAgo, Dynamic: true);
            session.Events.StartStream<OAuthClient>(unused, Registered(unused));
            session.Events.StartStream<OAuthClient>(used, Registered(used), new OAuthClientFirstUsed(used, longAgo.AddMinutes(1)));
            await session.SaveChangesAsync(Ct);
        }
        var index = Tokens.Services.GetRequiredService<ClientIndex>();
        await Wait.Until(() => Task.FromResult(index.TryFind(unused, out _)));

        await Tokens.Services.GetRequiredService<Housekeeping>().SweepAsync(Ct);

        // Every replica's client index hears of it (the sweep's appends name their aggregate, as a command's do).
        await Wait.Until(() => Task.FromResult(index.TryFind(unused, out var client) && client.Status == ClientStatus.Disabled));

        await using var query = store.QuerySession();
        (await query.LoadAsync<OAuthClient>(unused, Ct))!.Status.ShouldBe(ClientStatus.Disabled);
        (await query.LoadAsync<OAuthClient>(used, Ct))!.Status.ShouldBe(ClientStatus.Active);
    }
}
