using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>Who may manage keys: a usable key with keys:manage (or admin), within its own account only.</summary>
public class AccessTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    [Fact]
    public async Task management_without_a_key_is_401_in_the_seed_shape()
    {
        var (status, body) = await Host.SendAsync(s => s.Get.Url("/api/keys"));

        (status, body).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"API key is missing"}"""));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "Authorization must use the Bearer scheme")]
    [InlineData("Bearer sk_live_nope", "API key is malformed")]
    public async Task a_bad_credential_is_401_saying_why(string header, string message)
    {
        var (status, body) = await Host.SendAsync(s =>
        {
            s.Get.Url("/api/keys");
            s.WithRequestHeader("Authorization", header);
        });

        (status, body).ShouldBe((401, $$"""{"statusCode":401,"error":"Unauthorized","message":"{{message}}"}"""));
    }

    [Fact]
    public async Task a_key_without_keys_manage_is_403()
    {
        var worker = await Host.IssueAsync(Admin, Scenarios.AKey("live", "chat:completions"));
        await Host.VerifyUntilAsync(worker.Secret, 200, TimeSpan.FromSeconds(10));

        var (status, body) = await Host.SendAsync(s => s.Post.Json(Scenarios.AKey()).ToUrl("/api/keys"), worker.Secret);

        (status, body).ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"API key lacks the required scope 'keys:manage'"}"""));
    }

    [Fact]
    public async Task another_accounts_key_is_not_found_for_every_command()
    {
        var (_, otherAdmin) = await Host.CreateAccountAsync();
        var theirs = await Host.IssueAsync(otherAdmin, Scenarios.AKey());

        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{theirs.Id}"), Admin)).Status.ShouldBe(404);
        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{theirs.Id}/history"), Admin)).Status.ShouldBe(404);
        (await Host.CommandAsync(Admin, theirs.Id, "revoke", new RevokeKey("not yours"))).Status.ShouldBe(404);
        (await Host.CommandAsync(Admin, theirs.Id, "rotate", new RotateKey(null))).Status.ShouldBe(404);
        (await Host.VerifyAsync(theirs.Secret)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task events_name_the_managing_key_as_their_actor()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("done"));

        var (_, history) = await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}/history"), Admin);
        var adminId = (await Host.VerifyAsync(Admin)).Body;

        history.ShouldContain("\"actor\":\"key:");
        history.ShouldNotContain("unauthenticated");
        adminId.ShouldContain("keys:manage");
    }

    [Fact]
    public async Task a_revoked_admin_key_can_no_longer_manage()
    {
        var (_, admin) = await Host.CreateAccountAsync();
        var self = System.Text.Json.JsonDocument.Parse((await Host.VerifyAsync(admin)).Body).RootElement.GetProperty("keyId").GetGuid();
        await Host.CommandAsync(admin, self, "revoke", new RevokeKey("rotating admin"));
        await Host.VerifyUntilAsync(admin, 401, TimeSpan.FromSeconds(10));

        (await Host.SendAsync(s => s.Get.Url("/api/keys"), admin)).ShouldBe(
            (401, """{"statusCode":401,"error":"Unauthorized","message":"API key has been revoked"}"""));
    }
}
