using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Agents.Credentials;
using Platform.Contracts.Keys;
using Wolverine;

namespace Platform.Agents.Tests;

/// <summary>Key events from a real Keys host reach Agents through the durable agents queue.</summary>
public class CascadeTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private Task KeyCommandAsync(Guid keyId, string verb, object? body = null) =>
        Keys.SendAsync(s => s.Post.Json(body ?? new { reason = "test" }).ToUrl($"/api/keys/{keyId}/{verb}"), Admin)
            .ContinueWith(t => t.Result.Status.ShouldBe(200, t.Result.Body));

    [Fact]
    public async Task revoking_the_key_revokes_every_credential_derived_from_it_at_any_depth()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var top = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(top, new RestrictCredential("worker", null, null, null));
        var grandchild = await Agents.RestrictAsync(child, new RestrictCredential("summariser", null, null, null));

        await KeyCommandAsync(key.Id, "revoke");

        await Agents.VerifyUntilAsync(top.Token, "planner", 401);
        (await Agents.VerifyAsync(child.Token, "worker")).Status.ShouldBe(401);
        (await Agents.VerifyAsync(grandchild.Token, "summariser")).Status.ShouldBe(401);
        await Poll.UntilAsync(async () => (await ViewAsync(grandchild.Id)).Status == "revoked");
        var view = await ViewAsync(grandchild.Id);
        view.RevocationReason.ShouldBe(RevocationCauses.KeyRevoked);
        (await ViewAsync(top.Id)).RevocationReason.ShouldBe(RevocationCauses.KeyRevoked);
    }

    [Fact]
    public async Task a_key_revoked_while_the_agents_service_is_down_is_applied_when_it_starts_again()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        await Fixture.WhileAgentsAreDownAsync(() => KeyCommandAsync(key.Id, "revoke"));

        await Agents.VerifyUntilAsync(minted.Token, "planner", 401);
        await Poll.UntilAsync(async () => (await ViewAsync(minted.Id)).Status == "revoked");
        (await ViewAsync(minted.Id)).RevocationReason.ShouldBe(RevocationCauses.KeyRevoked);
    }

    [Fact]
    public async Task a_suspended_key_stops_its_credentials_until_it_is_reinstated()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        await KeyCommandAsync(key.Id, "suspend");
        await Agents.VerifyUntilAsync(minted.Token, "planner", 401);
        (await Agents.VerifyAsync(minted.Token, "planner")).Body.ShouldContain("parent API key is suspended");
        await KeyCommandAsync(key.Id, "reinstate", new { });

        await Agents.VerifyUntilAsync(minted.Token, "planner", 200);
        (await ViewAsync(minted.Id)).Status.ShouldBe("active");
    }

    [Fact]
    public async Task scopes_the_key_no_longer_has_are_never_verified()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        (await Keys.SendAsync(s => s.Put.Json(new { scopes = new[] { "models:read" } }).ToUrl($"/api/keys/{key.Id}/scopes"), Admin)).Status.ShouldBe(200);

        await Poll.UntilAsync(async () => (await Agents.VerifyAsync(minted.Token, "planner", ["chat:completions"])).Status == 403);
        var (status, body) = await Agents.VerifyAsync(minted.Token, "planner");
        status.ShouldBe(200);
        Json.Read<Contracts.Agents.VerifiedAgent>(body).Scopes.ShouldBe(["models:read"]);
    }

    [Fact]
    public async Task an_expired_key_revokes_its_credentials()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        await InvokeAsync(new KeyExpired(Guid.CreateVersion7(), key.Id, AccountId, "system", DateTimeOffset.UtcNow));

        await Agents.VerifyUntilAsync(minted.Token, "planner", 401);
        (await ViewAsync(minted.Id)).RevocationReason.ShouldBe(RevocationCauses.KeyExpired);
    }

    [Fact]
    public async Task the_same_event_delivered_twice_changes_nothing_the_second_time()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var top = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(top, new RestrictCredential("worker", null, null, null));
        var revoked = new KeyRevoked(Guid.CreateVersion7(), key.Id, AccountId, "leaked", "key:test", DateTimeOffset.UtcNow);

        await InvokeAsync(revoked);
        var once = await EventCountAsync(top.Id, child.Id);
        await InvokeAsync(revoked);

        once.ShouldBe(5); // top: minted, child minted, cascade-revoked; child: minted, cascade-revoked
        (await EventCountAsync(top.Id, child.Id)).ShouldBe(once);
        (await Agents.VerifyAsync(child.Token, "worker")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task a_revocation_is_refused_by_verify_within_250_ms_of_the_event_arriving()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        await InvokeAsync(new KeyRevoked(Guid.CreateVersion7(), key.Id, AccountId, "leaked", "key:test", DateTimeOffset.UtcNow));
        var elapsed = await Agents.VerifyUntilAsync(minted.Token, "planner", 401, seconds: 5);

        elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Handles a message in the Agents host as if it had arrived on its queue.</summary>
    private async Task InvokeAsync(object message)
    {
        using var scope = Agents.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message, Ct);
    }

    private async Task<CredentialView> ViewAsync(Guid id) =>
        Json.Read<CredentialView>((await Agents.SendAsync(s => s.Get.Url($"/api/agents/{id}"), Admin)).Body);

    private async Task<int> EventCountAsync(params Guid[] streams)
    {
        await using var session = Agents.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var count = 0;
        foreach (var id in streams) count += (await session.Events.FetchStreamAsync(id, token: Ct)).Count;
        return count;
    }
}
