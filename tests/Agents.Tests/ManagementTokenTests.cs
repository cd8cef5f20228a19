using Platform.Contracts.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Alba;
using Platform.Agents.Credentials;
using Platform.Contracts.Agents;
using Platform.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Platform.Agents.Tests;

/// <summary>The dashboard lists and revokes agent credentials with a signed-in user's access token, recorded as the user.</summary>
public class ManagementTokenTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private static readonly Guid UserId = Guid.CreateVersion7();

    private string UserToken(params string[] scopes) => TestAccessTokens.ForUser(UserId, AccountId, scopes.Length == 0 ? ["keys:manage"] : scopes);

    [Fact]
    public async Task a_user_lists_and_revokes_credentials_and_the_revocation_names_the_user()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        var (status, body) = await Agents.SendAsync(s => s.Get.Url("/api/agents"), UserToken());
        status.ShouldBe(200);
        Json.Read<CredentialPage>(body).Items.ShouldHaveSingleItem().Id.ShouldBe(minted.Id);
        (await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}"), UserToken("admin"))).Status.ShouldBe(200);

        var tracked = await Agents.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ =>
            Agents.SendAsync(s => s.Post.Json(new { reason = "done" }).ToUrl($"/api/agents/{minted.Id}/revoke"), UserToken())));

        tracked.Sent.SingleMessage<AgentCredentialRevoked>().Actor.ShouldBe($"user:{UserId}");
    }

    [Fact]
    public async Task an_agent_credential_manages_nothing_not_even_itself()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "keys:manage"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner", "chat:completions", "keys:manage"));

        var (list, listBody) = await Agents.SendAsync(s => s.Get.Url("/api/agents"), minted.Token);
        var (revoke, _) = await Agents.SendAsync(s => s.Post.Json(new { reason = "mine" }).ToUrl($"/api/agents/{minted.Id}/revoke"), minted.Token);

        (list, listBody).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"Management needs an API key or an access token"}"""));
        revoke.ShouldBe(401);
        (await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}"), Admin)).Body.ShouldContain("\"status\":\"active\"");
    }

    [Fact]
    public async Task credentials_minted_from_a_sign_ins_tokens_end_with_the_sign_in_at_any_depth()
    {
        var signIn = Guid.NewGuid();
        var token = TestAccessTokens.Mint(TestAccessTokens.Claims(UserId.ToString(), AccountId, ["chat:completions"], ("fid", signIn.ToString())));
        var top = await Agents.MintAsync(token, Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(top, new RestrictCredential("worker", null, null, null));
        var otherSignIn = await Agents.MintAsync(TestAccessTokens.ForUser(UserId, AccountId, "chat:completions"), Requests.AMint("other"));

        await Agents.InvokeMessageAndWaitAsync(new RefreshFamilyRevoked(Guid.CreateVersion7(), signIn, AccountId, "signed out", $"user:{UserId}", DateTimeOffset.UtcNow));

        (await Agents.VerifyAsync(top.Token, "planner")).Status.ShouldBe(401);
        (await Agents.VerifyAsync(child.Token, "worker")).Status.ShouldBe(401);
        (await Agents.VerifyAsync(otherSignIn.Token, "other")).Status.ShouldBe(200);
        await using var session = Agents.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        (await session.LoadAsync<AgentCredential>(child.Id, Ct)).ShouldNotBeNull().RevocationReason.ShouldBe(RevocationCauses.SignInEnded);
    }

    [Fact]
    public async Task a_signed_out_users_token_neither_manages_nor_mints_once_tokens_feed_says_so()
    {
        var family = Guid.NewGuid().ToString();
        var token = TestAccessTokens.Mint(TestAccessTokens.Claims(UserId.ToString(), AccountId, ["admin"], ("fid", family)));
        (await Agents.SendAsync(s => s.Get.Url("/api/agents"), token)).Status.ShouldBe(200);

        Agents.Services.GetRequiredService<TestTokensFeed>().Publish("family-revoked", family);

        await Poll.UntilAsync(async () => (await Agents.SendAsync(s => s.Get.Url("/api/agents"), token)).Status == 401);
        var (status, body) = await Agents.SendAsync(s => s.Post.Json(Requests.AMint("planner")).ToUrl("/api/agents"), token);
        (status, body).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"Bearer token has been revoked"}"""));
        (await Agents.SendAsync(s => s.Get.Url("/api/agents"), UserToken())).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_token_without_keys_manage_is_403_and_a_forged_one_401_in_the_seed_shape()
    {
        var (status, body) = await Agents.SendAsync(s => s.Get.Url("/api/agents"), UserToken("usage:read"));
        (status, body).ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"Access token lacks the required scope 'keys:manage'"}"""));

        var claims = () => TestAccessTokens.Claims(UserId.ToString(), AccountId, ["admin"], ("fid", "f"));
        foreach (var forged in new[]
        {
            TestAccessTokens.Mint(claims(), audience: "some-other-api"), TestAccessTokens.Mint(claims(), expiresIn: TimeSpan.FromMinutes(-2)),
            TestAccessTokens.Unsigned(claims()), TestAccessTokens.Hs256(claims()), TestAccessTokens.Mint(claims(), key: TestAccessTokens.Stranger),
        })
        {
            var (refused, why) = await Agents.SendAsync(s => s.Get.Url("/api/agents"), forged);
            refused.ShouldBe(401, why);
            why.ShouldStartWith("""{"statusCode":401,"error":"Unauthorized","message":""");
        }
    }
}
