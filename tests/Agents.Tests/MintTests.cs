using Platform.Agents.Credentials;
using Platform.Contracts.Agents;
using Platform.Keys.ApiKeys;

namespace Platform.Agents.Tests;

public class MintTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    [Fact]
    public async Task a_key_mints_a_credential_that_verifies_for_its_agent_with_the_keys_scopes()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);

        var minted = await Agents.MintAsync(key.Secret, Requests.AMint());

        minted.Token.ShouldStartWith("agent_tok_");
        minted.Token.Length.ShouldBe("agent_tok_".Length + 32 + 6);
        AgentSecret.IsWellFormed(minted.Token).ShouldBeTrue();
        minted.Scopes.ShouldBe(["chat:completions", "models:read"]);
        var (status, body) = await Agents.VerifyAsync(minted.Token, "my-analysis-agent", ["chat:completions"]);
        status.ShouldBe(200, body);
        var verified = Json.Read<VerifiedAgent>(body);
        verified.CredentialId.ShouldBe(minted.Id);
        verified.KeyId.ShouldBe(key.Id);
        verified.AccountId.ShouldBe(AccountId);
        verified.Depth.ShouldBe(1);
    }
}
