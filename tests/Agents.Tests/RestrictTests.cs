using Platform.Agents.Credentials;
using Platform.Contracts.Agents;

namespace Platform.Agents.Tests;

public class RestrictTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private async Task<MintedCredential> MintAsync(MintCredential command)
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read", "usage:read"]);
        return await Agents.MintAsync(key.Secret, command);
    }

    private static RestrictCredential AChild(string agentId = "sub-agent", params string[] scopes) =>
        new(agentId, scopes.Length == 0 ? null : scopes, null, null);

    [Fact]
    public async Task a_credential_mints_a_narrower_child_for_a_sub_agent_and_both_record_the_link()
    {
        var parent = await MintAsync(Requests.AMint("planner"));

        var child = await Agents.RestrictAsync(parent, AChild("researcher", "models:read"));

        child.Scopes.ShouldBe(["models:read"]);
        child.Depth.ShouldBe(2);
        child.ParentId.ShouldBe(parent.Id);
        var verified = Json.Read<VerifiedAgent>((await Agents.VerifyAsync(child.Token, "researcher")).Body);
        verified.Scopes.ShouldBe(["models:read"]);
        var parentView = Json.Read<CredentialView>((await Agents.SendAsync(s => s.Get.Url($"/api/agents/{parent.Id}"), Admin)).Body);
        parentView.Children.ShouldBe([child.Id]);
        var childView = Json.Read<CredentialView>((await Agents.SendAsync(s => s.Get.Url($"/api/agents/{child.Id}"), Admin)).Body);
        childView.ParentId.ShouldBe(parent.Id);
        childView.Lineage.ShouldBe([parent.Id]);
    }

    [Fact]
    public async Task a_child_asking_for_more_than_its_parent_is_forbidden()
    {
        var parent = await MintAsync(Requests.AMint("planner", "models:read"));

        var (status, body) = await Agents.TryRestrictAsync(parent, AChild("researcher", "models:read", "chat:completions"));

        status.ShouldBe(403);
        body.ShouldContain("lacks the requested scopes: chat:completions");
    }

    [Fact]
    public async Task a_childs_tools_must_lie_within_the_parents()
    {
        var parent = await MintAsync(Requests.AMint("planner") with { Tools = ["files.*", "search"] });

        var narrower = await Agents.RestrictAsync(parent, AChild() with { Tools = ["files.read", "files.list*"] });
        var (status, body) = await Agents.TryRestrictAsync(parent, AChild() with { Tools = ["files.read", "shell"] });
        var inherited = await Agents.RestrictAsync(parent, AChild("inheritor"));

        narrower.Tools.ShouldBe(["files.list*", "files.read"]);
        status.ShouldBe(403);
        body.ShouldContain("tool 'shell' is not within the parent's tools");
        inherited.Tools.ShouldBe(["files.*", "search"]);
        (await Agents.VerifyAsync(narrower.Token, "sub-agent", tool: "files.write")).Status.ShouldBe(403);
    }

    [Fact]
    public async Task restriction_stops_at_the_depth_limit()
    {
        var first = await MintAsync(Requests.AMint("one"));
        var second = await Agents.RestrictAsync(first, AChild("two"));
        var third = await Agents.RestrictAsync(second, AChild("three"));

        var (status, body) = await Agents.TryRestrictAsync(third, AChild("four"));

        third.Depth.ShouldBe(3);
        status.ShouldBe(403);
        body.ShouldContain("depth limit of 3 reached");
    }

    [Fact]
    public async Task a_child_never_outlives_its_parent()
    {
        var parent = await MintAsync(Requests.AMint("planner") with { LifetimeSeconds = 600 });

        var child = await Agents.RestrictAsync(parent, AChild() with { LifetimeSeconds = 3600 });

        child.ExpiresAt.ShouldBe(parent.ExpiresAt);
    }

    [Fact]
    public async Task a_childs_budget_may_not_exceed_its_parents_and_spends_it()
    {
        var parent = await MintAsync(Requests.AMint("planner") with { RequestBudget = 4 });

        var (status, _) = await Agents.TryRestrictAsync(parent, AChild() with { RequestBudget = 5 });
        var child = await Agents.RestrictAsync(parent, AChild());

        status.ShouldBe(403);
        // Parent's budget of 4: one verify while minting the parent, one while minting the child, two more.
        (await Agents.VerifyAsync(child.Token, "sub-agent")).Status.ShouldBe(200);
        (await Agents.VerifyAsync(child.Token, "sub-agent")).Status.ShouldBe(200);
        (await Agents.VerifyAsync(parent.Token, "planner")).Status.ShouldBe(429);
    }

    [Fact]
    public async Task a_credential_may_restrict_only_itself()
    {
        var one = await MintAsync(Requests.AMint("one"));
        var other = await MintAsync(Requests.AMint("other"));

        var (status, body) = await Agents.SendAsync(s => s.Post.Json(AChild()).ToUrl($"/api/agents/{other.Id}/restrict"), one.Token, "one");

        status.ShouldBe(403);
        body.ShouldContain("may restrict only itself");
    }

    [Fact]
    public async Task restricting_needs_the_credentials_own_agent_id()
    {
        var parent = await MintAsync(Requests.AMint("planner"));

        var (status, _) = await Agents.SendAsync(s => s.Post.Json(AChild()).ToUrl($"/api/agents/{parent.Id}/restrict"), parent.Token, "impostor");
        var (missing, _) = await Agents.SendAsync(s => s.Post.Json(AChild()).ToUrl($"/api/agents/{parent.Id}/restrict"), parent.Token);

        status.ShouldBe(401);
        missing.ShouldBe(401);
    }
}
