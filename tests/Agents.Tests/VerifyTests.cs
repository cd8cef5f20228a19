using Platform.Agents.Credentials;
using Platform.Contracts.Agents;
using Platform.Secrets;

namespace Platform.Agents.Tests;

public class VerifyTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private async Task<MintedCredential> MintAsync(MintCredential command)
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);
        return await Agents.MintAsync(key.Secret, command);
    }

    [Fact]
    public async Task another_agents_id_is_refused_with_401()
    {
        var minted = await MintAsync(Requests.AMint("my-analysis-agent"));

        var (status, body) = await Agents.VerifyAsync(minted.Token, "someone-else");

        status.ShouldBe(401);
        body.ShouldBe("""{"statusCode":401,"error":"Unauthorized","message":"X-Agent-ID does not match the agent credential"}""");
    }

    [Fact]
    public async Task a_missing_agent_id_header_is_refused_with_401()
    {
        var minted = await MintAsync(Requests.AMint());

        var (status, body) = await Agents.VerifyAsync(minted.Token, agentId: null);

        status.ShouldBe(401);
        body.ShouldContain("X-Agent-ID header is missing");
    }

    [Fact]
    public async Task the_credential_is_accepted_from_the_bearer_header_on_the_direct_api_path()
    {
        var minted = await MintAsync(Requests.AMint("my-analysis-agent"));

        var (status, body) = await Agents.SendAsync(s => s.Post.Json(new { scopes = new[] { "chat:completions" } }).ToUrl("/api/agents/verify"),
            bearer: minted.Token, agentId: "my-analysis-agent");
        var (bare, _) = await Agents.SendAsync(s => s.Post.Url("/api/agents/verify"), bearer: minted.Token, agentId: "my-analysis-agent");

        status.ShouldBe(200, body);
        bare.ShouldBe(200);
    }

    [Fact]
    public async Task a_scope_the_credential_lacks_is_forbidden()
    {
        var minted = await MintAsync(Requests.AMint("a", "models:read"));

        var (status, body) = await Agents.VerifyAsync(minted.Token, "a", ["chat:completions"]);

        status.ShouldBe(403);
        body.ShouldBe("""{"statusCode":403,"error":"Forbidden","message":"agent credential lacks the required scope 'chat:completions'"}""");
    }

    [Fact]
    public async Task only_tools_and_resources_on_the_allow_list_are_allowed()
    {
        var minted = await MintAsync(Requests.AMint("a") with { Tools = ["search", "files.read*"], Resources = ["reports/*"] });

        (await Agents.VerifyAsync(minted.Token, "a", tool: "search")).Status.ShouldBe(200);
        (await Agents.VerifyAsync(minted.Token, "a", tool: "files.read.pdf")).Status.ShouldBe(200);
        (await Agents.VerifyAsync(minted.Token, "a", resource: "reports/q3")).Status.ShouldBe(200);
        var (status, body) = await Agents.VerifyAsync(minted.Token, "a", tool: "files.write");
        status.ShouldBe(403);
        body.ShouldContain("may not use the tool 'files.write'");
        (await Agents.VerifyAsync(minted.Token, "a", resource: "invoices/7")).Status.ShouldBe(403);
    }

    [Fact]
    public async Task without_an_allow_list_any_tool_is_allowed_within_the_scopes()
    {
        var minted = await MintAsync(Requests.AMint("a"));

        (await Agents.VerifyAsync(minted.Token, "a", ["chat:completions"], tool: "anything")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_spent_request_budget_answers_429()
    {
        var minted = await MintAsync(Requests.AMint("a") with { RequestBudget = 3 });
        // MintAsync used one verification to wait for the index.

        var first = await Agents.VerifyAsync(minted.Token, "a");
        first.Status.ShouldBe(200);
        Json.Read<VerifiedAgent>(first.Body).BudgetRemaining.ShouldBe(1);
        (await Agents.VerifyAsync(minted.Token, "a")).Status.ShouldBe(200);
        var (status, body) = await Agents.VerifyAsync(minted.Token, "a");

        status.ShouldBe(429);
        body.ShouldBe("""{"statusCode":429,"error":"Too Many Requests","message":"Request budget of 3 is spent"}""");
    }

    [Fact]
    public async Task a_check_that_does_not_charge_leaves_the_budget_and_still_refuses_a_spent_one()
    {
        var minted = await MintAsync(Requests.AMint("a") with { RequestBudget = 2 });
        // MintAsync used one verification to wait for the index: one request is left.

        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await Agents.VerifyAsync(minted.Token, "a", tool: "list_models", charge: false);
            status.ShouldBe(200);
            Json.Read<VerifiedAgent>(body).BudgetRemaining.ShouldBe(1);
        }
        (await Agents.VerifyAsync(minted.Token, "a")).Status.ShouldBe(200);

        (await Agents.VerifyAsync(minted.Token, "a", tool: "list_models", charge: false)).Status.ShouldBe(429);
    }

    [Fact]
    public async Task a_credential_with_a_bad_checksum_is_refused_as_malformed()
    {
        var minted = await MintAsync(Requests.AMint("a"));
        var tampered = minted.Token[..^1] + (minted.Token[^1] == 'A' ? 'B' : 'A');

        var (status, body) = await Agents.VerifyAsync(tampered, "a");

        status.ShouldBe(401);
        body.ShouldContain("agent credential is malformed");
    }

    [Fact]
    public async Task a_well_formed_but_unknown_credential_is_not_valid()
    {
        var (status, body) = await Agents.VerifyAsync(SecretFormat.Generate(SecretFormat.AgentTokenPrefix), "a");

        status.ShouldBe(401);
        body.ShouldContain("agent credential is not valid");
    }

    [Fact]
    public async Task an_expired_credential_is_refused()
    {
        var minted = await MintAsync(Requests.AMint("a") with { LifetimeSeconds = 60 });

        Clock.Advance(TimeSpan.FromSeconds(61));
        var (status, body) = await Agents.VerifyAsync(minted.Token, "a");

        status.ShouldBe(401);
        body.ShouldContain("agent credential has expired");
    }
}
