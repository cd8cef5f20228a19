using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Agents.Credentials;

namespace Platform.Agents.Tests;

/// <summary>A manager of the account's keys (the console) mints under a key by its id, without its secret.</summary>
public class ManagedKeyMintTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private static MintCredential ForKey(Guid keyId, params string[] scopes) =>
        Requests.AMint("console-agent", scopes) with { KeyId = keyId, Tools = ["list_models"] };

    [Fact]
    public async Task a_manager_mints_under_a_key_it_does_not_hold_and_the_credential_follows_that_key()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);

        var minted = await Agents.MintAsync(Admin, ForKey(key.Id));

        minted.Scopes.ShouldBe(["chat:completions", "models:read"], "the key's scopes, not the manager's keys:manage");
        var (status, body) = await Agents.VerifyAsync(minted.Token, "console-agent", ["models:read"], tool: "list_models");
        status.ShouldBe(200, body);
        Json.Read<Platform.Contracts.Agents.VerifiedAgent>(body).KeyId.ShouldBe(key.Id);
        await using (var session = Agents.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var first = (await session.Events.FetchStreamAsync(minted.Id, token: Ct))[0].Data.ShouldBeOfType<CredentialMinted>();
            first.Actor.ShouldStartWith("key:");
            first.Actor.ShouldNotBe($"key:{key.Id}", "the actor is the manager who minted, not the key it follows");
        }

        (await Keys.SendAsync(s => s.Post.Json(new { reason = "rotated out" }).ToUrl($"/api/keys/{key.Id}/revoke"), Admin)).Status.ShouldBe(200);
        await Agents.VerifyUntilAsync(minted.Token, "console-agent", 401);
    }

    [Fact]
    public async Task only_a_manager_may_and_only_under_an_active_key_of_its_account_within_its_scopes()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["models:read"]);
        var plain = await Keys.IssueKeyAsync(Admin, ["models:read"]);
        var (_, otherAdmin) = await Keys.CreateAccountAsync();
        var foreign = await Keys.IssueKeyAsync(otherAdmin, ["models:read"]);

        (await Agents.TryMintAsync(plain.Secret, ForKey(key.Id))).Status.ShouldBe(403, "a key without keys:manage manages nothing");
        (await Agents.TryMintAsync(Admin, ForKey(foreign.Id))).Status.ShouldBe(404, "another account's key does not exist here");
        (await Agents.TryMintAsync(Admin, ForKey(Guid.NewGuid()))).Status.ShouldBe(404);
        var (status, body) = await Agents.TryMintAsync(Admin, ForKey(key.Id, "chat:completions"));
        (status, body).ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"API key lacks the requested scopes: chat:completions"}"""));

        (await Keys.SendAsync(s => s.Post.Json(new { reason = "paused" }).ToUrl($"/api/keys/{key.Id}/suspend"), Admin)).Status.ShouldBe(200);
        (await Agents.TryMintAsync(Admin, ForKey(key.Id))).Status.ShouldBe(409);
    }
}
