using Platform.Agents.Credentials;
using Platform.Secrets;

namespace Platform.Agents.Tests;

/// <summary>Refresh on the Agents host's fake clock: the grace of the replaced secret, and the new expiry.</summary>
public class RefreshTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private async Task<MintedCredential> MintAsync(MintCredential command)
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        return await Agents.MintAsync(key.Secret, command);
    }

    private Task<(int Status, string Body)> RefreshAsync(string token, string agentId, object? body = null) =>
        Agents.SendAsync(s =>
        {
            if (body is null) s.Post.Url("/api/agents/refresh");
            else s.Post.Json(body).ToUrl("/api/agents/refresh");
        }, token, agentId);

    [Fact]
    public async Task one_call_exchanges_a_live_credential_for_a_new_one_with_the_same_id_agent_and_grants()
    {
        var minted = await MintAsync(Requests.AMint("a") with { Tools = ["search"] });
        Clock.Advance(TimeSpan.FromMinutes(50));

        var (status, body) = await RefreshAsync(minted.Token, "a");

        status.ShouldBe(200, body);
        var refreshed = Json.Read<RefreshedCredential>(body);
        refreshed.Id.ShouldBe(minted.Id);
        refreshed.Token.ShouldNotBe(minted.Token);
        SecretFormat.IsWellFormed(refreshed.Token, SecretFormat.AgentTokenPrefix).ShouldBeTrue();
        refreshed.ExpiresAt.ShouldBe(Clock.GetUtcNow().AddHours(1));
        await Agents.VerifyUntilAsync(refreshed.Token, "a", 200);
        var view = Json.Read<CredentialView>((await Agents.SendAsync(s => s.Get.Url($"/api/agents/{minted.Id}"), Admin)).Body);
        view.Tools.ShouldBe(["search"]);
        view.ExpiresAt.ShouldBe(refreshed.ExpiresAt);
    }

    [Fact]
    public async Task the_old_secret_works_through_the_grace_and_not_after()
    {
        var minted = await MintAsync(Requests.AMint("a"));
        var refreshed = Json.Read<RefreshedCredential>((await RefreshAsync(minted.Token, "a")).Body);
        await Agents.VerifyUntilAsync(refreshed.Token, "a", 200);

        refreshed.PreviousValidUntil.ShouldBe(Clock.GetUtcNow().AddSeconds(30));
        Clock.Advance(TimeSpan.FromSeconds(29));
        (await Agents.VerifyAsync(minted.Token, "a")).Status.ShouldBe(200);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var (status, body) = await Agents.VerifyAsync(minted.Token, "a");
        status.ShouldBe(401);
        body.ShouldContain("replaced by a refresh");
        (await Agents.VerifyAsync(refreshed.Token, "a")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_replaced_secret_cannot_be_refreshed_again()
    {
        var minted = await MintAsync(Requests.AMint("a"));
        var refreshed = Json.Read<RefreshedCredential>((await RefreshAsync(minted.Token, "a")).Body);
        await Agents.VerifyUntilAsync(refreshed.Token, "a", 200);

        var (status, body) = await RefreshAsync(minted.Token, "a");

        status.ShouldBe(401);
        body.ShouldContain("already refreshed");
    }

    [Fact]
    public async Task a_refresh_is_capped_by_the_parent_keys_expiry()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"], DateTimeOffset.UtcNow.AddMinutes(90));
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("a"));
        Clock.Advance(TimeSpan.FromMinutes(50));

        var refreshed = Json.Read<RefreshedCredential>((await RefreshAsync(minted.Token, "a")).Body);

        refreshed.ExpiresAt.ShouldBe(key.ExpiresAt!.Value);
    }

    [Fact]
    public async Task a_childs_refresh_is_capped_by_its_parents_expiry()
    {
        var parent = await MintAsync(Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(parent, new RestrictCredential("worker", null, null, null, LifetimeSeconds: 600));
        Clock.Advance(TimeSpan.FromMinutes(5));

        var refreshed = Json.Read<RefreshedCredential>((await RefreshAsync(child.Token, "worker")).Body);

        refreshed.ExpiresAt.ShouldBe(parent.ExpiresAt);
    }

    [Fact]
    public async Task an_expired_credential_cannot_be_refreshed()
    {
        var minted = await MintAsync(Requests.AMint("a") with { LifetimeSeconds = 60 });
        Clock.Advance(TimeSpan.FromMinutes(2));

        var (status, body) = await RefreshAsync(minted.Token, "a");

        status.ShouldBe(401);
        body.ShouldContain("expired");
    }
}
