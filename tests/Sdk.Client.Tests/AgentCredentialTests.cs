using System.Net;
using Microsoft.Extensions.Time.Testing;
using Platform.Sdk.Client.Agents;
using Platform.Sdk.Client.Keys;
using Platform.Secrets;

namespace Platform.Sdk.Client.Tests;

public sealed class AgentCredentialTests(PlatformFixture platform) : SdkContext(platform)
{
    private const string RefreshPath = "/api/agents/refresh";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    /// <summary>Minted through the SDK, and already known to Agents' verification index.</summary>
    private async Task<MintedCredential> MintedAsync(PlatformClient? by = null, string agentId = "report-writer")
    {
        var minted = await (by ?? Client).Agents.MintAsync(new MintCredentialRequest(agentId), Ct);
        await VerifiesAsync(minted.Token, agentId, 200);
        return minted;
    }

    private async Task VerifiesAsync(string token, string agentId, int status) =>
        await Eventually.TrueAsync(async () => (await Verify(token, agentId)) == status);

    private async Task<int> Verify(string token, string agentId)
    {
        var result = await Platform.Agents.Scenario(s =>
        {
            s.Post.Url("/api/agents/verify");
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader("X-Agent-ID", agentId);
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task the_minted_credential_is_used_until_60_seconds_before_expiry_then_refreshed()
    {
        var minted = await MintedAsync();
        var credential = AgentCredentialProvider.For(Http(), minted, _time);
        var calls = Router.Calls(RefreshPath);

        (await credential.GetTokenAsync(Ct)).ShouldBe(minted.Token);
        _time.Advance(minted.ExpiresAt - _time.GetUtcNow() - TimeSpan.FromSeconds(61));
        (await credential.GetTokenAsync(Ct)).ShouldBe(minted.Token);
        (Router.Calls(RefreshPath) - calls).ShouldBe(0);

        _time.Advance(TimeSpan.FromSeconds(2));
        var refreshed = await credential.GetTokenAsync(Ct);

        refreshed.ShouldNotBe(minted.Token);
        SecretFormat.IsWellFormed(refreshed, SecretFormat.AgentTokenPrefix).ShouldBeTrue();
        (Router.Calls(RefreshPath) - calls).ShouldBe(1);
        credential.ExpiresAt!.Value.ShouldBeGreaterThanOrEqualTo(minted.ExpiresAt);
        await VerifiesAsync(refreshed, minted.AgentId, 200);
    }

    [Fact]
    public async Task fifty_concurrent_callers_share_one_refresh()
    {
        var minted = await MintedAsync();
        var credential = AgentCredentialProvider.For(Http(), minted, _time);
        _time.Advance(minted.ExpiresAt - _time.GetUtcNow() - TimeSpan.FromSeconds(30));
        var calls = Router.Calls(RefreshPath);
        Router.Delay = TimeSpan.FromMilliseconds(200);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await credential.GetTokenAsync(Ct))));

        tokens.Distinct().Single().ShouldNotBe(minted.Token);
        (Router.Calls(RefreshPath) - calls).ShouldBe(1);
    }

    [Fact]
    public async Task the_handler_sends_the_credential_and_the_agent_id()
    {
        var minted = await MintedAsync(agentId: "pnl-analyst");
        var http = Http(AgentCredentialProvider.For(Http(), minted, _time).CreateHandler());

        var response = await http.PostAsync("/api/agents/verify", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(minted.Id.ToString());
        Router.Calls(RefreshPath).ShouldBe(0);
    }

    [Fact]
    public async Task a_revoked_parent_key_surfaces_as_a_revoked_credential_from_the_provider_and_the_handler()
    {
        var parent = await LiveKeyAsync("chat:completions");
        var minted = await MintedAsync(ClientWith(parent.Secret));
        await Client.Keys.RevokeAsync(parent.Id, "compromised", ct: Ct);
        await VerifiesAsync(minted.Token, minted.AgentId, 401);

        var credential = AgentCredentialProvider.For(Http(), minted, _time);
        _time.Advance(minted.ExpiresAt - _time.GetUtcNow());
        var refused = await Should.ThrowAsync<AgentCredentialRevokedException>(() => credential.GetTokenAsync(Ct).AsTask());
        refused.AgentId.ShouldBe(minted.AgentId);
        refused.Message.ShouldContain("report-writer");
        refused.ToString().ShouldNotContain(minted.Token);
        var calls = Router.Calls(RefreshPath);
        await Should.ThrowAsync<AgentCredentialRevokedException>(() => credential.GetTokenAsync(Ct).AsTask());
        Router.Calls(RefreshPath).ShouldBe(calls); // final: no more refresh attempts

        // A handler whose credential is still "fresh" locally learns it at the first 401.
        var http = Http(AgentCredentialProvider.For(Http(), minted, new FakeTimeProvider(DateTimeOffset.UtcNow)).CreateHandler());
        await Should.ThrowAsync<AgentCredentialRevokedException>(() => http.PostAsync("/api/agents/verify", null, Ct));
    }

    [Fact]
    public async Task credentials_are_listed_page_by_page_read_restricted_and_revoked_through_the_sdk()
    {
        var first = await MintedAsync(agentId: "planner");
        await Client.Agents.MintAsync(new MintCredentialRequest("planner", ["keys:manage"]), Ct);
        await Client.Agents.MintAsync(new MintCredentialRequest("other"), Ct);

        var planners = new List<CredentialView>();
        await foreach (var c in Client.Agents.ListAllAsync(agentId: "planner", pageSize: 1, ct: Ct)) planners.Add(c);
        planners.Count.ShouldBe(2);
        planners[^1].Id.ShouldBe(first.Id);
        (await Client.Agents.ListAsync(pageSize: 10, ct: Ct)).Items.Count.ShouldBe(3);

        var child = await Client.Agents.RestrictAsync(first.Id, first.Token, first.AgentId, new RestrictCredentialRequest("planner-child", Tools: ["search"]), Ct);
        child.ParentId.ShouldBe(first.Id);
        child.Depth.ShouldBe(2);
        (await Client.Agents.GetAsync(first.Id, Ct)).Children.ShouldBe([child.Id]);

        var revoked = await Client.Agents.RevokeAsync(first.Id, "done", Ct);
        revoked.Status.ShouldBe("revoked");
        await Eventually.TrueAsync(async () => (await Client.Agents.GetAsync(child.Id, Ct)).Status == "revoked");
    }

    [Fact]
    public async Task asking_for_more_than_the_parent_holds_is_a_forbidden_exception_naming_the_scopes()
    {
        var error = await Should.ThrowAsync<PlatformApiException>(() => Client.Agents.MintAsync(new MintCredentialRequest("greedy", ["keys:manage", "chat:completions"]), Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.ApiMessage.ShouldBe("API key lacks the requested scopes: chat:completions");
    }
}
