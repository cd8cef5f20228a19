using System.Text.Json;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class ReadKeysTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;

    [Fact]
    public async Task history_lists_every_change_with_actor_and_time_and_never_the_hash()
    {
        var key = await Host.IssueAsync(Scenarios.AKey());
        await Host.CommandAsync(key.Id, "rename", new RenameKey("renamed"));
        await Host.CommandAsync(key.Id, "revoke", new RevokeKey("leaked"));

        var (status, body) = await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}/history"));

        status.ShouldBe(200);
        var history = Read<List<KeyHistoryEntry>>(body);
        history.Select(h => (h.Version, h.Event, h.Actor)).ShouldBe([(1L, "issued", "unauthenticated"), (2L, "renamed", "unauthenticated"), (3L, "revoked", "unauthenticated")]);
        body.ShouldNotContain(KeySecret.Hash(key.Secret));
        body.ShouldContain("\"reason\":\"leaked\"");
    }

    [Fact]
    public async Task as_of_an_instant_the_key_is_replayed_to_its_state_then()
    {
        var key = await Host.IssueAsync(Scenarios.AKey("live", "chat:completions"));
        await Task.Delay(50, Ct);
        var beforeChanges = DateTimeOffset.UtcNow;
        await Task.Delay(50, Ct);
        await Host.SendAsync(s => s.Put.Json(new ChangeKeyScopes(["usage:read"])).ToUrl($"/api/keys/{key.Id}/scopes"));
        await Host.CommandAsync(key.Id, "revoke", new RevokeKey("done"));

        var then = Read<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}?asOf={Uri.EscapeDataString(beforeChanges.ToString("O"))}"))).Body);
        var now = Read<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}"))).Body);

        (then.Status, then.Version).ShouldBe(("active", 1L));
        then.Scopes.ShouldBe(["chat:completions"]);
        (now.Status, now.Version).ShouldBe(("revoked", 3L));
        now.Scopes.ShouldBe(["usage:read"]);
        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}?asOf=yesterday"))).Status.ShouldBe(400);
    }

    [Fact]
    public async Task keys_are_listed_per_account_newest_first_filtered_and_paged()
    {
        var account = Guid.CreateVersion7();
        var issued = new List<IssuedKey>();
        foreach (var env in new[] { "live", "test", "live", "live" })
            issued.Add(await Host.IssueAsync(Scenarios.AKey(env) with { AccountId = account }));
        await Host.CommandAsync(issued[3].Id, "revoke", new RevokeKey("x"));

        var first = Read<KeyPage>((await Host.SendAsync(s => s.Get.Url($"/api/keys?accountId={account}&environment=live&limit=1"))).Body);
        var rest = Read<KeyPage>((await Host.SendAsync(s => s.Get.Url($"/api/keys?accountId={account}&environment=live&after={first.Next}"))).Body);
        var active = Read<KeyPage>((await Host.SendAsync(s => s.Get.Url($"/api/keys?accountId={account}&status=active"))).Body);

        first.Items.Select(k => k.Id).ShouldBe([issued[3].Id]);
        rest.Items.Select(k => k.Id).ShouldBe([issued[2].Id, issued[0].Id]);
        rest.Next.ShouldBeNull();
        active.Items.Select(k => k.Id).ShouldBe([issued[2].Id, issued[1].Id, issued[0].Id]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("accountId=nope")]
    [InlineData("accountId=0193a1d2-0000-7000-8000-000000000001&environment=prod")]
    [InlineData("accountId=0193a1d2-0000-7000-8000-000000000001&status=1")]
    [InlineData("accountId=0193a1d2-0000-7000-8000-000000000001&limit=0")]
    [InlineData("accountId=0193a1d2-0000-7000-8000-000000000001&after=x")]
    public async Task bad_list_queries_get_400_in_the_seed_shape(string query)
    {
        var (status, body) = await Host.SendAsync(s => s.Get.Url($"/api/keys?{query}"));

        status.ShouldBe(400);
        body.ShouldStartWith("{\"statusCode\":400,\"error\":\"Bad Request\"");
    }
}
