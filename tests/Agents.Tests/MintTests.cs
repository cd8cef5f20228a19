using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Agents.Credentials;
using Platform.Agents.Parents;
using Platform.Keys.ApiKeys;
using Platform.Contracts.Agents;
using Platform.Secrets;

namespace Platform.Agents.Tests;

public class MintTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    [Fact]
    public async Task a_key_mints_a_credential_that_verifies_for_its_agent_with_the_keys_scopes()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);

        var minted = await Agents.MintAsync(key.Secret, Requests.AMint());

        minted.Token.ShouldStartWith("agent_tok_");
        minted.Token.Length.ShouldBe("agent_tok_".Length + 32 + 6);
        SecretFormat.IsWellFormed(minted.Token, SecretFormat.AgentTokenPrefix).ShouldBeTrue();
        minted.Scopes.ShouldBe(["chat:completions", "models:read"]);
        minted.Depth.ShouldBe(1);
        var (status, body) = await Agents.VerifyAsync(minted.Token, "my-analysis-agent", ["chat:completions"]);
        status.ShouldBe(200, body);
        var verified = Json.Read<VerifiedAgent>(body);
        verified.CredentialId.ShouldBe(minted.Id);
        verified.KeyId.ShouldBe(key.Id);
        verified.AccountId.ShouldBe(AccountId);
        verified.Scopes.ShouldBe(["chat:completions", "models:read"]);
    }

    [Fact]
    public async Task asking_for_scopes_the_key_lacks_is_forbidden_and_names_them()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);

        var (status, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint("a", "chat:completions", "models:read", "usage:read"));

        status.ShouldBe(403);
        body.ShouldBe("""{"statusCode":403,"error":"Forbidden","message":"API key lacks the requested scopes: models:read, usage:read"}""");
    }

    [Fact]
    public async Task a_narrower_set_of_scopes_is_granted_as_asked()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);

        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("a", "models:read"));

        minted.Scopes.ShouldBe(["models:read"]);
        (await Agents.VerifyAsync(minted.Token, "a", ["chat:completions"])).Status.ShouldBe(403);
    }

    [Fact]
    public async Task the_lifetime_defaults_to_one_hour()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);

        var minted = await Agents.MintAsync(key.Secret, Requests.AMint());

        (minted.ExpiresAt - minted.CreatedAt).ShouldBe(TimeSpan.FromHours(1));
        minted.CreatedAt.ShouldBe(Clock.GetUtcNow());
    }

    [Fact]
    public async Task the_lifetime_is_capped_by_the_configured_maximum()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);

        var minted = await Agents.MintAsync(key.Secret, Requests.AMint() with { LifetimeSeconds = 10 * 3600 });

        (minted.ExpiresAt - minted.CreatedAt).ShouldBe(AgentsFixture.MaxLifetime);
    }

    [Fact]
    public async Task the_lifetime_is_capped_by_the_parent_keys_expiry()
    {
        var keyExpiry = DateTimeOffset.UtcNow.AddMinutes(20);
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"], keyExpiry);

        var minted = await Agents.MintAsync(key.Secret, Requests.AMint());

        minted.ExpiresAt.ShouldBe(key.ExpiresAt!.Value);
        Clock.Advance(TimeSpan.FromMinutes(21));
        (await Agents.VerifyAsync(minted.Token, "my-analysis-agent")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task the_secret_is_shown_once_and_stored_only_as_its_hash()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint());

        var (status, body) = await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}"), Admin);

        status.ShouldBe(200, body);
        body.ShouldNotContain(minted.Token);
        body.ShouldNotContain(SecretFormat.Hash(minted.Token));
        body.ShouldContain($"agent_tok_...{minted.Token[^4..]}");
    }

    [Theory]
    [InlineData(null, "API key is missing")]
    [InlineData("sk_live_notakey", "API key is malformed")]
    [InlineData("agent_tok_abc", "Agent credentials are minted with an API key or an access token")]
    public async Task minting_without_a_usable_key_is_unauthorized(string? bearer, string message)
    {
        var (status, body) = await Agents.TryMintAsync(bearer!, Requests.AMint());

        status.ShouldBe(401);
        Json.Parse(body).GetProperty("message").GetString().ShouldBe(message);
    }

    [Fact]
    public async Task a_revoked_key_mints_nothing()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        await Keys.SendAsync(s => s.Post.Json(new { reason = "leaked" }).ToUrl($"/api/keys/{key.Id}/revoke"), Admin);
        await Poll.UntilAsync(async () => (await Agents.TryMintAsync(key.Secret, Requests.AMint())).Status == 401);

        var (status, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint());

        status.ShouldBe(401, body);
        body.ShouldContain("revoked");
    }

    [Fact]
    public async Task a_key_whose_rate_limit_is_spent_is_refused_with_429_at_once()
    {
        // One use goes to waiting until Keys verifies the new key, one to the first mint.
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"], rateLimit: new RateLimit(2, 86_400));
        await Agents.MintAsync(key.Secret, Requests.AMint());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (status, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint());

        status.ShouldBe(429, body);
        body.ShouldContain("Rate limit of 2 exceeded");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task an_unreachable_keys_service_is_a_503_never_a_500()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        await using var cutOff = await Fixture.StartAgentsAsync(web => web.ConfigureTestServices(services =>
            services.AddHttpClient(nameof(Sdk.ResourceServer.Platform.KeysApiClient)).ConfigurePrimaryHttpMessageHandler(() => new Unreachable())));

        var (status, body) = await cutOff.TryMintAsync(key.Secret, Requests.AMint());
        var (listStatus, _) = await cutOff.SendAsync(s => s.Get.Url("/api/agents"), Admin);

        status.ShouldBe(503);
        body.ShouldBe("""{"statusCode":503,"error":"Service Unavailable","message":"The API key service is unavailable; retry shortly"}""");
        listStatus.ShouldBe(503);
    }

    private sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            throw new HttpRequestException("connection refused");
    }
}
