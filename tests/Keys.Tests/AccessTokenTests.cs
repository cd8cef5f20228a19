using Platform.Keys.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>The dashboard manages keys with a signed-in user's access token; forgeries are refused in the seed shape.</summary>
public class AccessTokenTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private static readonly Guid UserId = Guid.CreateVersion7();

    private string UserToken(params string[] scopes) => TestAccessTokens.ForUser(UserId, AccountId, scopes.Length == 0 ? ["admin"] : scopes);

    [Fact]
    public async Task a_users_access_token_manages_keys_and_is_recorded_as_the_user()
    {
        var issued = await Host.IssueAsync(UserToken("keys:manage"), Scenarios.AKey());

        var (status, list) = await Host.SendAsync(s => s.Get.Url("/api/keys"), UserToken());
        status.ShouldBe(200);
        list.ShouldContain(issued.Id.ToString());
        var (_, history) = await Host.SendAsync(s => s.Get.Url($"/api/keys/{issued.Id}/history"), Admin);
        history.ShouldContain($"\"actor\":\"user:{UserId}\"");
    }

    [Fact]
    public async Task a_token_exchanged_for_a_key_acts_as_that_key_while_it_lives()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey("live", "keys:manage"));
        // The token is checked against the in-memory index, which learns of the new key by notification.
        await Host.VerifyUntilAsync(key.Secret, 200, TimeSpan.FromSeconds(10));
        var token = TestAccessTokens.Mint(TestAccessTokens.Claims($"key:{key.Id}", AccountId, ["keys:manage"], ("key_id", key.Id.ToString())));

        var issued = await Host.IssueAsync(token, Scenarios.AKey());
        var (_, history) = await Host.SendAsync(s => s.Get.Url($"/api/keys/{issued.Id}/history"), Admin);
        history.ShouldContain($"\"actor\":\"key:{key.Id}\"");

        (await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("done"))).Status.ShouldBe(200);
        await Eventually(async () => (await Host.SendAsync(s => s.Get.Url("/api/keys"), token)).Status == 401);
    }

    [Fact]
    public async Task a_token_without_keys_manage_is_403_in_the_seed_shape()
    {
        var (status, body) = await Host.SendAsync(s => s.Get.Url("/api/keys"), UserToken("usage:read"));

        (status, body).ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"Access token lacks the required scope 'keys:manage'"}"""));
    }

    public static TheoryData<string, string> Forgeries()
    {
        var account = Guid.CreateVersion7();
        var claims = TestAccessTokens.Claims(Guid.CreateVersion7().ToString(), account, ["admin"], ("fid", "f"));
        return new()
        {
            { "wrong audience", TestAccessTokens.Mint(claims, audience: "some-other-api") },
            { "expired", TestAccessTokens.Mint(claims, expiresIn: TimeSpan.FromMinutes(-2)) },
            { "alg none", TestAccessTokens.Unsigned(claims) },
            { "HS256", TestAccessTokens.Hs256(claims) },
            { "wrong key", TestAccessTokens.Mint(claims, key: TestAccessTokens.Stranger) },
            { "not at+jwt", TestAccessTokens.Mint(claims, type: "JWT") },
            { "no account", TestAccessTokens.Mint(TestAccessTokens.Claims("u", account, ["admin"]).Without("account_id")) },
            { "no scope", TestAccessTokens.Mint(TestAccessTokens.Claims("u", account, ["admin"]).Without("scope")) },
            { "garbage", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LWEtc2ln" },
        };
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task a_bad_access_token_is_401_in_the_seed_shape(string why, string token)
    {
        var (status, body) = await Host.SendAsync(s => s.Post.Json(Scenarios.AKey()).ToUrl("/api/keys"), token);

        status.ShouldBe(401, why);
        body.ShouldStartWith("""{"statusCode":401,"error":"Unauthorized","message":""", customMessage: why);
    }

    public static TheoryData<string, string> Revocations() => new()
    {
        { "family-revoked", "fid" },
        { "token-revoked", "jti" },
        { "client-disabled", "client_id" },
    };

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task a_token_tokens_feed_ends_is_refused_at_once_and_others_still_work(string kind, string claim)
    {
        var ended = TestAccessTokens.Mint(TestAccessTokens.Claims(UserId.ToString(), AccountId, ["admin"], ("fid", Guid.NewGuid().ToString()), ("client_id", Guid.NewGuid().ToString())));
        var other = UserToken();
        (await Host.SendAsync(s => s.Get.Url("/api/keys"), ended)).Status.ShouldBe(200);

        Feed.Publish(kind, new JsonWebToken(ended).GetClaim(claim).Value);

        await Eventually(async () => (await Host.SendAsync(s => s.Get.Url("/api/keys"), ended)).Status == 401);
        (await Host.SendAsync(s => s.Get.Url("/api/keys"), ended)).ShouldBe((401,
            """{"statusCode":401,"error":"Unauthorized","message":"Bearer token has been revoked"}"""));
        (await Host.SendAsync(s => s.Get.Url("/api/keys"), other)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_family_heard_live_again_lets_its_tokens_work_again()
    {
        var family = Guid.NewGuid().ToString();
        var token = TestAccessTokens.Mint(TestAccessTokens.Claims(UserId.ToString(), AccountId, ["admin"], ("fid", family)));
        Feed.Publish("family-revoked", family);
        await Eventually(async () => (await Host.SendAsync(s => s.Get.Url("/api/keys"), token)).Status == 401);

        Feed.Publish("family-live", family);

        await Eventually(async () => (await Host.SendAsync(s => s.Get.Url("/api/keys"), token)).Status == 200);
    }

    [Fact]
    public async Task while_tokens_feed_is_down_access_tokens_are_503_and_api_keys_still_work()
    {
        try
        {
            Feed.Down();

            await Eventually(async () => (await Host.SendAsync(s => s.Get.Url("/api/keys"), UserToken())).Status == 503);
            (await Host.SendAsync(s => s.Get.Url("/api/keys"), UserToken())).ShouldBe((503,
                """{"statusCode":503,"error":"Service Unavailable","message":"Token revocation state is unavailable; retry shortly"}"""));
            (await Host.SendAsync(s => s.Get.Url("/api/keys"), Admin)).Status.ShouldBe(200);
            // A forgery is still a 401, not a 503: the signature is judged first.
            var forged = TestAccessTokens.Mint(TestAccessTokens.Claims("u", AccountId, ["admin"]), key: TestAccessTokens.Stranger);
            (await Host.SendAsync(s => s.Get.Url("/api/keys"), forged)).Status.ShouldBe(401);
        }
        finally
        {
            Feed.Up();
        }
        // The feed reconnects with backoff (250 ms, doubling) and tokens work again.
        await Eventually(async () => (await Host.SendAsync(s => s.Get.Url("/api/keys"), UserToken())).Status == 200);
    }

    private TestTokensFeed Feed => Host.Services.GetRequiredService<TestTokensFeed>();

    [Fact]
    public async Task api_keys_still_manage_keys()
    {
        var issued = await Host.IssueAsync(Admin, Scenarios.AKey());
        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{issued.Id}"), Admin)).Status.ShouldBe(200);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 10 s");
            await Task.Delay(50);
        }
    }
}

internal static class ClaimSets
{
    public static Dictionary<string, object> Without(this Dictionary<string, object> claims, string name)
    {
        claims.Remove(name);
        return claims;
    }
}
