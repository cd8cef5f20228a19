using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>The dashboard reads the audit log with a signed-in user's access token; what the user did shows them as its actor.</summary>
public class AccessTokenTests(AuditFixture fixture) : AuditContext(fixture)
{
    private static readonly Guid UserId = Guid.CreateVersion7();

    private string UserToken(params string[] scopes) => TestAccessTokens.ForUser(UserId, Account, scopes.Length == 0 ? ["admin"] : scopes);

    [Fact]
    public async Task a_key_issued_by_a_user_is_in_the_log_as_theirs_and_the_user_reads_it()
    {
        var issued = await Keys.IssueKeyAsync(UserToken());

        var entries = await Audit.WaitForEventsAsync(UserToken("keys:manage"), issued.Id);

        entries.ShouldHaveSingleItem().Actor.ShouldBe($"user:{UserId}");
        (await Audit.SendAsync(s => s.Get.Url($"/api/webhooks"), UserToken())).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_signed_out_users_token_no_longer_reads_the_log_once_tokens_feed_says_so()
    {
        var family = Guid.NewGuid().ToString();
        var token = TestAccessTokens.Mint(TestAccessTokens.Claims(UserId.ToString(), Account, ["admin"], ("fid", family)));
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), token)).Status.ShouldBe(200);

        Audit.Services.GetRequiredService<TestTokensFeed>().Publish("family-revoked", family);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), token)).Status != 401)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "still accepted 10 s after the sign-out was heard");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        (await Audit.SendAsync(s => s.Get.Url("/api/webhooks"), token)).Status.ShouldBe(401);
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), UserToken())).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_token_without_audit_read_or_keys_manage_is_403_in_the_seed_shape()
    {
        var (status, body) = await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), UserToken("usage:read"));

        (status, body).ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"Access token lacks the required scope 'audit:read' (or keys:manage)"}"""));
    }

    [Fact]
    public async Task forged_expired_or_foreign_tokens_are_401_in_the_seed_shape()
    {
        var claims = () => TestAccessTokens.Claims(UserId.ToString(), Account, ["admin"], ("fid", "f"));
        string[] refused =
        [
            TestAccessTokens.Mint(claims(), audience: "some-other-api"),
            TestAccessTokens.Mint(claims(), expiresIn: TimeSpan.FromMinutes(-2)),
            TestAccessTokens.Unsigned(claims()),
            TestAccessTokens.Hs256(claims()),
            TestAccessTokens.Mint(claims(), key: TestAccessTokens.Stranger),
        ];
        foreach (var token in refused)
        {
            var (status, body) = await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), token);
            status.ShouldBe(401, body);
            body.ShouldStartWith("""{"statusCode":401,"error":"Unauthorized","message":""");
        }
    }

    [Fact]
    public async Task api_keys_still_read_the_log()
    {
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), Admin)).Status.ShouldBe(200);
    }
}
