using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Keys.ApiKeys;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

public class ApiKeyExchangeTests(TokensFixture fixture) : TokensContext(fixture)
{
    private Task<IssuedKey> IssueKeyAsync(params string[] scopes) =>
        KeyApi.IssueAsync(Keys, Admin, new IssueKey("exchange-me", "live", scopes.Length == 0 ? ["insights:read", "plans:read"] : scopes, null));

    private async Task<Answer> ExchangeAsync(object body) =>
        await Answer.From(await Api.Http.PostAsJsonAsync("/api/auth/v1/token", body, Ct));

    [Fact]
    public async Task an_api_key_becomes_a_token_carrying_its_scopes_in_the_simcel_shape()
    {
        var key = await IssueKeyAsync();

        var answer = await ExchangeAsync(new { apiKey = key.Secret });

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Json.GetProperty("expiresIn").GetInt32().ShouldBe(3600);
        answer.Str("tokenType").ShouldBe("Bearer");
        var jwt = new JsonWebToken(answer.Str("accessToken"));
        jwt.GetPayloadValue<string>("scope").ShouldBe("insights:read plans:read");
        jwt.GetPayloadValue<string>("key_id").ShouldBe(key.Id.ToString());
        jwt.GetPayloadValue<string>("account_id").ShouldBe(AccountId.ToString());
    }

    [Fact]
    public async Task a_subset_may_be_requested_but_never_more_than_the_key_holds()
    {
        var key = await IssueKeyAsync();

        var narrowed = await ExchangeAsync(new { apiKey = key.Secret, scopes = new[] { "plans:read" } });
        new JsonWebToken(narrowed.Str("accessToken")).GetPayloadValue<string>("scope").ShouldBe("plans:read");

        var wider = await ExchangeAsync(new { apiKey = key.Secret, scopes = new[] { "plans:read", "chat:completions" } });
        wider.Status.ShouldBe(HttpStatusCode.Forbidden);
        wider.Str("message").ShouldContain("chat:completions");
    }

    [Fact]
    public async Task a_token_never_outlives_its_key()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(10);
        var key = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("short-lived", "live", ["plans:read"], expiresAt));

        var answer = await ExchangeAsync(new { apiKey = key.Secret });

        answer.Json.GetProperty("expiresIn").GetInt32().ShouldBeInRange(590, 600);
    }

    [Theory]
    [InlineData("{\"apiKey\":\"sk_live_not_a_real_key\"}", 401)]
    [InlineData("{}", 401)]
    [InlineData("{\"apiKey\": 42}", 400)]
    [InlineData("not json", 400)]
    public async Task bad_exchange_requests_are_refused_in_the_seed_shape(string body, int status)
    {
        var answer = await Answer.From(await Api.Http.PostAsync("/api/auth/v1/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct));

        ((int)answer.Status).ShouldBe(status);
        answer.Json.GetProperty("statusCode").GetInt32().ShouldBe(status);
    }

    [Fact]
    public async Task rfc_8693_exchange_issues_an_access_token_for_an_api_key_subject()
    {
        var key = await IssueKeyAsync();

        var answer = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.TokenExchange,
            [OAuthParameters.SubjectToken] = key.Secret,
            [OAuthParameters.SubjectTokenType] = TokenTypes.ApiKey,
            [OAuthParameters.Scope] = "insights:read",
        });

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Str("issued_token_type").ShouldBe(TokenTypes.AccessToken);
        answer.Str("token_type").ShouldBe("Bearer");
        answer.Str("scope").ShouldBe("insights:read");
    }

    [Theory]
    [InlineData("urn:ietf:params:oauth:token-type:jwt", "invalid_request")]
    [InlineData(null, "invalid_request")]
    public async Task rfc_8693_exchange_refuses_other_subject_token_types(string? type, string error)
    {
        var key = await IssueKeyAsync();
        var form = new Dictionary<string, string> { [OAuthParameters.GrantType] = GrantTypes.TokenExchange, [OAuthParameters.SubjectToken] = key.Secret };
        if (type is not null) form[OAuthParameters.SubjectTokenType] = type;

        (await Api.PostFormAsync("/oauth/token", form)).Str("error").ShouldBe(error);
    }

    [Fact]
    public async Task rfc_8693_exchange_of_a_revoked_key_is_invalid_grant()
    {
        var key = await IssueKeyAsync();
        await KeyApi.RevokeAsync(Keys, Admin, key.Id);
        await Keys.VerifyUntilAsync(key.Secret, 401); // Keys' own index learns of it within milliseconds

        var answer = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.TokenExchange,
            [OAuthParameters.SubjectToken] = key.Secret,
            [OAuthParameters.SubjectTokenType] = TokenTypes.ApiKey,
        });

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task a_token_dies_with_its_revoked_key()
    {
        var resourceServer = await Api.RegisterAsync();
        var key = await IssueKeyAsync();
        var token = (await ExchangeAsync(new { apiKey = key.Secret })).Str("accessToken");
        (await Api.IntrospectAsync(token, resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();

        await KeyApi.RevokeAsync(Keys, Admin, key.Id);

        // KeyRevoked travels Keys' outbox → the tokens queue → Tokens' handler → a notification to every replica.
        await Api.IntrospectUntilAsync(token, resourceServer, active: false, TimeSpan.FromSeconds(20));
        await Keys.VerifyUntilAsync(key.Secret, 401);
        (await ExchangeAsync(new { apiKey = key.Secret })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_suspended_keys_tokens_stop_and_work_again_once_it_is_reinstated()
    {
        var resourceServer = await Api.RegisterAsync();
        var key = await IssueKeyAsync();
        var token = (await ExchangeAsync(new { apiKey = key.Secret })).Str("accessToken");

        await KeyApi.CommandAsync(Keys, Admin, key.Id, "suspend", new { reason = "investigating" });
        await Api.IntrospectUntilAsync(token, resourceServer, active: false, TimeSpan.FromSeconds(20));

        await KeyApi.CommandAsync(Keys, Admin, key.Id, "reinstate", null);
        await Api.IntrospectUntilAsync(token, resourceServer, active: true, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task a_token_loses_the_scopes_its_key_loses()
    {
        var resourceServer = await Api.RegisterAsync();
        var key = await IssueKeyAsync();
        var token = (await ExchangeAsync(new { apiKey = key.Secret })).Str("accessToken");

        await KeyApi.SendAsync(Keys, Admin, HttpMethod.Put, $"/api/keys/{key.Id}/scopes", new { scopes = new[] { "plans:read" } });

        await Wait.Until(async () => (await Api.IntrospectAsync(token, resourceServer)).Json.GetProperty("scope").GetString() == "plans:read", 20);
    }
}
