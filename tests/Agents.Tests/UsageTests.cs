using Platform.Agents.Credentials;
using Platform.Agents.Usage;

namespace Platform.Agents.Tests;

public class UsageTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private async Task<MintedCredential> MintModelsOnlyAsync()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);
        return await Agents.MintAsync(key.Secret, new MintCredential("mcp-agent", null, ["list_models"], null));
    }

    private async Task<CredentialUsage> UsageWhenAsync(Guid id, Func<CredentialUsage, bool> done)
    {
        CredentialUsage usage = null!;
        await Poll.UntilAsync(async () =>
        {
            var (status, body) = await Agents.SendAsync(s => s.Get.Url($"/api/agents/{id}/usage"), Admin);
            status.ShouldBe(200, body);
            usage = Json.Read<CredentialUsage>(body);
            return done(usage);
        }, seconds: 20);
        return usage;
    }

    [Fact]
    public async Task a_tool_outside_the_allow_list_is_counted_as_denied_with_its_name()
    {
        var minted = await MintModelsOnlyAsync();

        (await Agents.VerifyAsync(minted.Token, "mcp-agent", ["models:read"], tool: "list_models")).Status.ShouldBe(200);
        (await Agents.VerifyAsync(minted.Token, "mcp-agent", ["chat:completions"], tool: "chat")).Status.ShouldBe(403);
        (await Agents.VerifyAsync(minted.Token, "mcp-agent", ["chat:completions"], tool: "chat")).Status.ShouldBe(403);

        var usage = await UsageWhenAsync(minted.Id, u => u.Denied == 2);
        usage.DeniedTools.ShouldBe(new Dictionary<string, long> { ["chat"] = 2 });
        usage.Allowed.ShouldBeGreaterThanOrEqualTo(2); // the mint's readiness poll and the list_models call
        usage.Minutes.Sum(m => m.Denied).ShouldBe(2);
    }

    [Fact]
    public async Task a_missing_scope_is_counted_as_denied_without_a_tool()
    {
        var minted = await MintModelsOnlyAsync();

        (await Agents.VerifyAsync(minted.Token, "mcp-agent", ["admin"])).Status.ShouldBe(403);

        var usage = await UsageWhenAsync(minted.Id, u => u.Denied == 1);
        usage.DeniedTools.ShouldBeEmpty();
    }

    [Fact]
    public async Task another_accounts_credential_has_no_usage_to_show()
    {
        var minted = await MintModelsOnlyAsync();
        var (_, stranger) = await Keys.CreateAccountAsync();

        (await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}/usage"), stranger)).Status.ShouldBe(404);
        (await Agents.SendAsync(s => s.Get.Url("/api/agents/not-an-id/usage"), Admin)).Status.ShouldBe(400);
        (await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}/usage?from=yesterday"), Admin)).Status.ShouldBe(400);
        (await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}/usage"), minted.Token, minted.AgentId)).Status.ShouldBe(401);
    }

    [Fact]
    public void a_bucket_keeps_a_bounded_number_of_tool_names()
    {
        var bucket = new VerifyUsageBucket(Guid.NewGuid());

        for (var i = 0; i < VerifyUsageBucket.MaxTools + 10; i++) bucket.Deny($"tool-{i}");
        bucket.Deny("tool-0");
        bucket.Deny(null);

        bucket.Denied.ShouldBe(VerifyUsageBucket.MaxTools + 12);
        bucket.DeniedTools.Count.ShouldBe(VerifyUsageBucket.MaxTools + 1);
        bucket.DeniedTools["tool-0"].ShouldBe(2);
        bucket.DeniedTools[VerifyUsageBucket.OtherTools].ShouldBe(10);
    }

    [Fact]
    public void a_flush_adds_to_what_the_replica_already_wrote_and_reads_add_the_replicas_up()
    {
        var credential = Guid.NewGuid();
        var bucket = new VerifyUsageBucket(Guid.NewGuid());
        bucket.Allow();
        bucket.Deny("chat");
        var before = new CredentialUsageMinute("a", credential, bucket.AccountId, DateTimeOffset.FromUnixTimeSeconds(60), 3, 1, new() { ["chat"] = 1 });

        var merged = CredentialUsageMinute.Merge("a", credential, 1, bucket, before);
        var other = new CredentialUsageMinute("b", credential, bucket.AccountId, merged.Minute, 5, 2, new() { ["pnl_summary"] = 2 });
        var usage = GetCredentialUsageEndpoint.Summarize(credential, merged.Minute, merged.Minute.AddMinutes(1), [merged, other]);

        (merged.Allowed, merged.Denied, merged.DeniedTools["chat"]).ShouldBe((4L, 2L, 2L));
        (usage.Allowed, usage.Denied).ShouldBe((9L, 4L));
        usage.DeniedTools.ShouldBe(new Dictionary<string, long> { ["chat"] = 2, ["pnl_summary"] = 2 });
        usage.Minutes.ShouldHaveSingleItem().ShouldBe(new CredentialUsagePoint(merged.Minute, 9, 4));
    }
}
