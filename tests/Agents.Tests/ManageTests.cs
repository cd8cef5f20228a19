using Platform.Agents.Credentials;

namespace Platform.Agents.Tests;

/// <summary>Listing, reading and revoking need an API key of the owning account with keys:manage (or admin).</summary>
public class ManageTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    [Fact]
    public async Task the_account_lists_its_credentials_newest_first_in_pages_without_secrets()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = new List<MintedCredential>();
        for (var i = 0; i < 3; i++) minted.Add(await Agents.MintAsync(key.Secret, Requests.AMint($"agent-{i}")));

        var (status, body) = await Agents.SendAsync(s => s.Get.Url("/api/agents?limit=2"), Admin);
        var first = Json.Read<CredentialPage>(body);
        var second = Json.Read<CredentialPage>((await Agents.SendAsync(s => s.Get.Url($"/api/agents?limit=2&after={first.Next}"), Admin)).Body);

        status.ShouldBe(200);
        first.Items.Select(c => c.AgentId).ShouldBe(["agent-2", "agent-1"]);
        second.Items.Select(c => c.AgentId).ShouldBe(["agent-0"]);
        second.Next.ShouldBeNull();
        foreach (var m in minted) body.ShouldNotContain(m.Token);
    }

    [Fact]
    public async Task credentials_are_found_by_a_part_of_their_agent_id_or_their_id()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var billing = await Agents.MintAsync(key.Secret, Requests.AMint("Billing-Bot"));
        var support = await Agents.MintAsync(key.Secret, Requests.AMint("support_bot"));

        async Task<Guid[]> Find(string q) =>
            [.. Json.Read<CredentialPage>((await Agents.SendAsync(s => s.Get.Url($"/api/agents?q={Uri.EscapeDataString(q)}"), Admin)).Body).Items.Select(c => c.Id)];

        (await Find("billing")).ShouldBe([billing.Id]);
        (await Find("BOT")).ShouldBe([support.Id, billing.Id]);
        (await Find(support.Id.ToString())).ShouldBe([support.Id]);
        (await Find("t_b")).ShouldBe([support.Id]);
        (await Find("g_b")).ShouldBeEmpty("an underscore is itself, not any character");
    }

    [Fact]
    public async Task another_accounts_credential_answers_404()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint());
        var (_, otherAdmin) = await Keys.CreateAccountAsync();

        var (status, body) = await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}"), otherAdmin);
        var (revokeStatus, _) = await Agents.SendAsync(s => s.Post.Url($"/api/agents/{minted.Id}/revoke"), otherAdmin);
        var list = Json.Read<CredentialPage>((await Agents.SendAsync(s => s.Get.Url("/api/agents"), otherAdmin)).Body);

        status.ShouldBe(404);
        body.ShouldBe($$"""{"statusCode":404,"error":"Not Found","message":"no agent credential {{minted.Id}}"}""");
        revokeStatus.ShouldBe(404);
        list.Items.ShouldBeEmpty();
        (await Agents.VerifyAsync(minted.Token, "my-analysis-agent")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_key_without_keys_manage_is_forbidden_and_no_key_is_unauthorized()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);

        var (status, body) = await Agents.SendAsync(s => s.Get.Url("/api/agents"), key.Secret);
        var (none, _) = await Agents.SendAsync(s => s.Get.Url("/api/agents"));

        status.ShouldBe(403);
        body.ShouldContain("keys:manage");
        none.ShouldBe(401);
    }

    [Fact]
    public async Task revoking_a_credential_revokes_its_children_and_is_safe_to_repeat()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var parent = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(parent, new RestrictCredential("worker", null, null, null));
        var sibling = await Agents.MintAsync(key.Secret, Requests.AMint("other"));

        var (status, body) = await Agents.SendAsync(s => s.Post.Json(new { reason = "done" }).ToUrl($"/api/agents/{parent.Id}/revoke"), Admin);
        var again = await Agents.SendAsync(s => s.Post.Url($"/api/agents/{parent.Id}/revoke"), Admin);

        status.ShouldBe(200, body);
        Json.Read<CredentialView>(body).Status.ShouldBe("revoked");
        again.Status.ShouldBe(200);
        await Agents.VerifyUntilAsync(parent.Token, "planner", 401);
        await Agents.VerifyUntilAsync(child.Token, "worker", 401);
        (await Agents.VerifyAsync(sibling.Token, "other")).Status.ShouldBe(200);
        var childView = Json.Read<CredentialView>((await Agents.SendAsync(s => s.Get.Url($"/api/agents/{child.Id}"), Admin)).Body);
        childView.RevocationReason.ShouldBe(RevocationCauses.ParentRevoked);
    }
}
