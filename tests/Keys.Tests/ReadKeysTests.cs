using System.Text.Json;
using Platform.Keys.ApiKeys;
using Platform.Secrets;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class ReadKeysTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;

    [Fact]
    public async Task history_lists_every_change_with_actor_and_time_and_never_the_hash()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.CommandAsync(Admin, key.Id, "rename", new RenameKey("renamed"));
        await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("leaked"));

        var (status, body) = await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}/history"), Admin);

        status.ShouldBe(200);
        var history = Read<List<KeyHistoryEntry>>(body);
        var actor = "key:" + System.Text.Json.JsonDocument.Parse((await Host.VerifyAsync(Admin)).Body).RootElement.GetProperty("keyId").GetGuid();
        history.Select(h => (h.Version, h.Event, h.Actor)).ShouldBe([(1L, "issued", actor), (2L, "renamed", actor), (3L, "revoked", actor)]);
        body.ShouldNotContain(SecretFormat.Hash(key.Secret));
        body.ShouldContain("\"reason\":\"leaked\"");
    }

    [Fact]
    public async Task as_of_an_instant_the_key_is_replayed_to_its_state_then()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey("live", "chat:completions"));
        await Task.Delay(50, Ct);
        var beforeChanges = DateTimeOffset.UtcNow;
        await Task.Delay(50, Ct);
        await Host.SendAsync(s => s.Put.Json(new ChangeKeyScopes(["usage:read"])).ToUrl($"/api/keys/{key.Id}/scopes"), Admin);
        await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("done"));

        var then = Read<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}?asOf={Uri.EscapeDataString(beforeChanges.ToString("O"))}"), Admin)).Body);
        var now = Read<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}"), Admin)).Body);

        (then.Status, then.Version).ShouldBe(("active", 1L));
        then.Scopes.ShouldBe(["chat:completions"]);
        (now.Status, now.Version).ShouldBe(("revoked", 3L));
        now.Scopes.ShouldBe(["usage:read"]);
        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}?asOf=yesterday"), Admin)).Status.ShouldBe(400);
    }

    [Fact]
    public async Task as_of_answers_every_instant_right_in_any_order_and_keeps_them_when_the_key_changes_later()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        var instants = new List<(DateTimeOffset At, string Name, long Version)>();
        for (var i = 1; i <= 12; i++)
        {
            await Host.CommandAsync(Admin, key.Id, "rename", new RenameKey($"name {i}"));
            await Task.Delay(5, Ct);
            instants.Add((DateTimeOffset.UtcNow, $"name {i}", i + 1));
            await Task.Delay(5, Ct);
        }
        async Task<KeyView> AsOf(DateTimeOffset at) =>
            Read<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}?asOf={Uri.EscapeDataString(at.ToString("O"))}"), Admin)).Body);

        // Shuffled, so some answers are replayed from a later kept state's predecessor and some from an earlier one.
        foreach (var (at, name, version) in instants.OrderBy(_ => Random.Shared.Next()))
        {
            var then = await AsOf(at);
            (then.Name, then.Version).ShouldBe((name, version), $"as of {at:O}");
        }
        await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("done"));
        foreach (var (at, name, version) in instants)
        {
            var again = await AsOf(at);
            (again.Name, again.Version, again.Status).ShouldBe((name, version, "active"));
        }
        (await AsOf(DateTimeOffset.UtcNow)).Status.ShouldBe("revoked");
    }

    [Fact]
    public async Task keys_are_listed_per_account_newest_first_filtered_and_paged()
    {
        var (_, admin) = await Host.CreateAccountAsync();
        var issued = new List<IssuedKey>();
        foreach (var env in new[] { "live", "test", "live", "live" })
            issued.Add(await Host.IssueAsync(admin, Scenarios.AKey(env)));
        await Host.CommandAsync(admin, issued[3].Id, "revoke", new RevokeKey("x"));
        await Host.IssueAsync(Admin, Scenarios.AKey()); // another account's key: never listed

        var first = Read<KeyPage>((await Host.SendAsync(s => s.Get.Url("/api/keys?environment=live&limit=1"), admin)).Body);
        var rest = Read<KeyPage>((await Host.SendAsync(s => s.Get.Url($"/api/keys?environment=live&after={first.Next}"), admin)).Body);
        var active = Read<KeyPage>((await Host.SendAsync(s => s.Get.Url("/api/keys?status=active&limit=3"), admin)).Body);

        first.Items.Select(k => k.Id).ShouldBe([issued[3].Id]);
        // The account's own admin key (issued first) is live too and comes last.
        rest.Items.Select(k => k.Id).Take(2).ShouldBe([issued[2].Id, issued[0].Id]);
        rest.Items.Count.ShouldBe(3);
        rest.Next.ShouldBeNull();
        active.Items.Select(k => k.Id).ShouldBe([issued[2].Id, issued[1].Id, issued[0].Id]);
    }

    [Fact]
    public async Task keys_are_found_by_a_part_of_their_name_the_last_characters_of_the_secret_or_their_id()
    {
        var (_, admin) = await Host.CreateAccountAsync();
        var billing = await Host.IssueAsync(admin, Scenarios.AKey() with { Name = "Billing export (prod)" });
        var reports = await Host.IssueAsync(admin, Scenarios.AKey() with { Name = "reports_100%" });
        await Host.IssueAsync(Admin, Scenarios.AKey() with { Name = "billing of another team" });

        async Task<Guid[]> Find(string q) =>
            [.. Read<KeyPage>((await Host.SendAsync(s => s.Get.Url($"/api/keys?q={Uri.EscapeDataString(q)}"), admin)).Body).Items.Select(k => k.Id)];

        (await Find("BILLING")).ShouldBe([billing.Id], "case-insensitive, within the name, this account only");
        (await Find("export (p")).ShouldBe([billing.Id]);
        (await Find(reports.Secret[^4..])).ShouldContain(reports.Id, "the secret's last four, as the list shows them");
        (await Find(billing.Id.ToString())).ShouldBe([billing.Id]);
        // A pattern character is a character: "%" matches only the name holding one, "_" only names with an underscore.
        (await Find("%")).ShouldBe([reports.Id]);
        (await Find("g_e")).ShouldBeEmpty();
        (await Find("nothing like it")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    [InlineData("q=a%0Ab")]
    [InlineData("environment=prod")]
    [InlineData("environment=LIVE")]
    [InlineData("status=1")]
    [InlineData("limit=0")]
    [InlineData("after=x")]
    public async Task bad_list_queries_get_400_in_the_seed_shape(string query)
    {
        var (status, body) = await Host.SendAsync(s => s.Get.Url($"/api/keys?{query}"), Admin);

        status.ShouldBe(400);
        body.ShouldStartWith("{\"statusCode\":400,\"error\":\"Bad Request\"");
    }
}
