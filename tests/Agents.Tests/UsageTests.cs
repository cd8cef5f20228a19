using Platform.Agents.Credentials;
using Platform.Agents.Usage;
using Platform.Testing;

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
    public async Task a_spent_budget_another_agents_id_and_a_revoked_credential_are_counted_as_refused_by_reason()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);
        var budgeted = await Agents.MintAsync(key.Secret, new MintCredential("mcp-agent", null, null, null, RequestBudget: 1));
        var revoked = await MintModelsOnlyAsync();
        (await Agents.VerifyAsync(budgeted.Token, "mcp-agent")).Status.ShouldBe(429); // the mint's readiness poll spent the one
        (await Agents.VerifyAsync(budgeted.Token, "someone-else")).Status.ShouldBe(401);
        (await Agents.SendAsync(s => s.Post.Json(new { reason = "done" }).ToUrl($"/api/agents/{revoked.Id}/revoke"), Admin)).Status.ShouldBe(200);
        await Agents.VerifyUntilAsync(revoked.Token, "mcp-agent", 401);
        (await Agents.VerifyAsync(revoked.Token, "mcp-agent", tool: "list_models")).Status.ShouldBe(401);

        var spent = await UsageWhenAsync(budgeted.Id, u => u.Denied >= 2);
        var gone = await UsageWhenAsync(revoked.Id, u => u.Refused.Revoked >= 2);

        (spent.Allowed, spent.Denied, spent.Refused).ShouldBe((1L, 2L, CredentialRefusals.None with { BudgetSpent = 1, WrongAgent = 1 }));
        CredentialRefusals.Sum(spent.Minutes.Select(m => m.Refused)).ShouldBe(spent.Refused);
        (gone.Denied, gone.Refused.Total).ShouldBe((gone.Refused.Revoked, gone.Refused.Revoked));
        gone.DeniedTools.ShouldBe(new Dictionary<string, long> { ["list_models"] = 1 });
    }

    [Fact]
    public async Task a_tool_and_a_scope_refusal_are_told_apart_and_the_series_takes_a_bucket_width()
    {
        var minted = await MintModelsOnlyAsync();
        (await Agents.VerifyAsync(minted.Token, "mcp-agent", ["chat:completions"], tool: "chat")).Status.ShouldBe(403);
        (await Agents.VerifyAsync(minted.Token, "mcp-agent", ["admin"])).Status.ShouldBe(403);

        await UsageWhenAsync(minted.Id, u => u.Denied == 2);
        var (status, body) = await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}/usage?bucketMinutes=60"), Admin);
        var usage = Json.Read<CredentialUsage>(body);

        status.ShouldBe(200);
        usage.Refused.ShouldBe(CredentialRefusals.None with { ScopeDenied = 1, ToolDenied = 1 });
        usage.BucketMinutes.ShouldBe(60);
        usage.Minutes.ShouldAllBe(m => m.Minute.Minute == 0 && m.Minute.Second == 0);
        (await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}/usage?bucketMinutes=0"), Admin)).Status.ShouldBe(400);
    }

    [Fact]
    public async Task the_usage_feed_announces_a_credential_once_its_usage_is_flushed_and_only_to_its_own_account()
    {
        var (otherAccount, otherAdmin) = await Keys.CreateAccountAsync();
        await using var myFeed = await FeedReader.OpenAsync(Agents, "/api/agents/usage/changes", Admin, Ct);
        await using var theirFeed = await FeedReader.OpenAsync(Agents, "/api/agents/usage/changes", otherAdmin, Ct);
        var theirKey = await Keys.IssueKeyAsync(otherAdmin, ["models:read"]);
        var theirs = await Agents.MintAsync(theirKey.Secret, new MintCredential("their-agent", null, null, null));
        var mine = await MintModelsOnlyAsync();

        var heard = await myFeed.DataUntilAsync("usage", d => d.Contains(mine.Id.ToString()), TimeSpan.FromSeconds(30), Ct);
        var theyHeard = await theirFeed.DataUntilAsync("usage", d => d.Contains(theirs.Id.ToString()), TimeSpan.FromSeconds(30), Ct);

        heard.ShouldAllBe(d => d.StartsWith($"{AccountId} ") && !d.Contains(theirs.Id.ToString()));
        theyHeard.ShouldAllBe(d => d.StartsWith($"{otherAccount} ") && !d.Contains(mine.Id.ToString()));
        (await Agents.SendAsync(s => s.Get.Url("/api/agents/usage/changes"))).Status.ShouldBe(401);
    }

    [Fact]
    public void a_bucket_keeps_a_bounded_number_of_tool_names()
    {
        var bucket = new VerifyUsageBucket(Guid.NewGuid());

        for (var i = 0; i < VerifyUsageBucket.MaxTools + 10; i++) bucket.Deny(VerifyOutcome.ToolDenied, $"tool-{i}");
        bucket.Deny(VerifyOutcome.ToolDenied, "tool-0");
        bucket.Deny(VerifyOutcome.ScopeDenied, null);

        bucket.Denied.ShouldBe(VerifyUsageBucket.MaxTools + 12);
        bucket.DeniedTools.Count.ShouldBe(VerifyUsageBucket.MaxTools + 1);
        bucket.DeniedTools["tool-0"].ShouldBe(2);
        bucket.DeniedTools[VerifyUsageBucket.OtherTools].ShouldBe(10);
    }

    [Fact]
    public void a_bucket_counts_each_refusal_reason_apart()
    {
        var recorder = new VerifyUsageRecorder();
        var (credential, account, at) = (Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.FromUnixTimeSeconds(600));
        recorder.Allowed(credential, account, at);
        foreach (var reason in Enum.GetValues<VerifyOutcome>().Where(r => r != VerifyOutcome.Allowed)) recorder.Denied(credential, account, at, reason, null);
        recorder.Denied(credential, account, at.AddSeconds(59), VerifyOutcome.Revoked, "chat");

        var bucket = recorder.Drain().ShouldHaveSingleItem().Value;

        (bucket.Allowed, bucket.Denied).ShouldBe((1L, 9L));
        bucket.Refused.ShouldBe(new CredentialRefusals(1, 1, 1, 1, Revoked: 2, 1, 1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => recorder.Denied(credential, account, at, VerifyOutcome.Allowed, null));
    }

    [Fact]
    public void a_flush_adds_to_what_the_replica_already_wrote_and_reads_add_the_replicas_up()
    {
        var credential = Guid.NewGuid();
        var bucket = new VerifyUsageBucket(Guid.NewGuid());
        bucket.Allow();
        bucket.Deny(VerifyOutcome.ToolDenied, "chat");
        // Written before refusals were told apart: its one refusal is in Denied only.
        var before = new CredentialUsageMinute("a", credential, bucket.AccountId, DateTimeOffset.FromUnixTimeSeconds(60), 3, 1, new() { ["chat"] = 1 });

        var merged = CredentialUsageMinute.Merge("a", credential, 1, bucket, before);
        var other = new CredentialUsageMinute("b", credential, bucket.AccountId, merged.Minute, 5, 2, new() { ["pnl_summary"] = 2 })
        {
            Refused = CredentialRefusals.None with { ToolDenied = 2 },
        };
        var usage = GetCredentialUsageEndpoint.Summarize(credential, merged.Minute, merged.Minute.AddMinutes(1), [merged, other]);

        (merged.Allowed, merged.Denied, merged.DeniedTools["chat"], merged.Refused.ToolDenied).ShouldBe((4L, 2L, 2L, 1L));
        (usage.Allowed, usage.Denied, usage.Refused.ToolDenied).ShouldBe((9L, 4L, 3L));
        usage.DeniedTools.ShouldBe(new Dictionary<string, long> { ["chat"] = 2, ["pnl_summary"] = 2 });
        usage.Minutes.ShouldHaveSingleItem().ShouldBe(new CredentialUsagePoint(merged.Minute, 9, 4, CredentialRefusals.None with { ToolDenied = 3 }));
    }
}
