using Microsoft.Extensions.DependencyInjection;
using Platform.Agents.Credentials;
using Platform.Sdk.ResourceServer.Credentials;

namespace Platform.Sdk.Tests;

[Collection(nameof(PlatformCollection))]
public sealed class AgentTokenTests(PlatformFixture fixture)
{
    [Fact]
    public async Task an_agent_token_with_its_own_agent_id_is_accepted_and_with_another_refused()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions", "models:read");
        var agent = await fixture.Agents.MintAsync(key.Secret, "my-analysis-agent", "chat:completions");

        (await fixture.Api.ChatAsync(agent.Token, "my-analysis-agent")).Status.ShouldBe(200);

        var (status, body, _) = await fixture.Api.ChatAsync(agent.Token, "someone-else");
        status.ShouldBe(401);
        body.ShouldBeSeedError(401, "Unauthorized");
        (await fixture.Api.ChatAsync(agent.Token)).Status.ShouldBe(401);
        (await fixture.Api.SendAsync(s => s.Get.Url("/v1/models"), agent.Token, "my-analysis-agent")).Status.ShouldBe(403);
    }

    [Fact]
    public async Task an_agent_token_dies_with_its_key_within_seconds_although_its_acceptance_was_cached()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var agent = await fixture.Agents.MintAsync(key.Secret, "batch-agent", "chat:completions");
        (await fixture.Api.ChatAsync(agent.Token, "batch-agent")).Status.ShouldBe(200);

        await fixture.Keys.RevokeAsync(admin, key.Id);

        // Agents hears of the revocation through its queue; from the moment it refuses, so must we.
        await Poll.UntilAsync(async () => (await fixture.Agents.SendAsync(s => s.Post.Json(new { token = agent.Token }).ToUrl("/api/agents/verify"), agentId: "batch-agent")).Status == 401, seconds: 30);
        await Poll.UntilAsync(async () => (await fixture.Api.ChatAsync(agent.Token, "batch-agent")).Status == 401, seconds: 2);
    }

    [Fact]
    public async Task a_tool_check_asks_agents_every_time_and_refuses_a_tool_outside_the_allow_list()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions", "models:read");
        var agent = await fixture.Agents.MintAsync(key.Secret, new MintCredential("mcp-agent", null, ["list_models"], null));
        var verifier = fixture.Api.Services.GetRequiredService<AgentTokenVerifier>();

        var allowed = await verifier.CheckToolAsync(agent.Token, "mcp-agent", "list_models", ["models:read"], TestContext.Current.CancellationToken);
        var refused = await verifier.CheckToolAsync(agent.Token, "mcp-agent", "chat", ["chat:completions"], TestContext.Current.CancellationToken);
        await fixture.Keys.RevokeAsync(admin, key.Id);

        allowed.Principal!.FindAll(PlatformClaims.Tool).Select(c => c.Value).ShouldBe(["list_models"]);
        refused.Refusal!.StatusCode.ShouldBe(403);
        refused.Refusal.Message.ShouldBe("agent credential may not use the tool 'chat'");
        // Never from a cache: the next check after Agents refuses the credential is refused.
        await Poll.UntilAsync(async () => (await verifier.CheckToolAsync(agent.Token, "mcp-agent", "list_models", ["models:read"], TestContext.Current.CancellationToken)).Refusal?.StatusCode == 401, seconds: 30);
    }

    [Fact]
    public async Task a_tool_check_spends_none_of_the_budget_the_request_already_paid_for()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "models:read");
        var agent = await fixture.Agents.MintAsync(key.Secret, new MintCredential("budget-agent", null, ["list_models"], null, RequestBudget: 5));
        var verifier = fixture.Api.Services.GetRequiredService<AgentTokenVerifier>();
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 4; i++)
            (await verifier.CheckToolAsync(agent.Token, "budget-agent", "list_models", ["models:read"], ct)).Principal.ShouldNotBeNull();

        var (status, body, _) = await fixture.Agents.SendAsync(s => s.Post.Json(new { token = agent.Token }).ToUrl("/api/agents/verify"), agentId: "budget-agent");
        status.ShouldBe(200);
        // Minting waited on one verification and this one took another: 5 - 2, whatever the tool checks did.
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("budgetRemaining").GetInt64().ShouldBe(3);
    }
}
