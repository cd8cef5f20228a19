using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.Agents.Accounts;
using Platform.Agents.Credentials;
using Platform.Agents.Verification;
using Platform.Contracts.Accounts;
using Platform.Contracts.Agents;
using Platform.Infrastructure.Changes;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Agents.Tests;

/// <summary>
/// A suspended account's agent credentials stop: at once on Keys' fast signal (sent here by hand, so nothing on the
/// queue can be what refused them), and for good on the durable event (invoked here as if it came off the queue).
/// </summary>
public class AccountSuspensionTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    [Fact]
    public async Task the_signal_alone_stops_every_credential_of_the_account_and_announces_each_on_the_feed()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var top = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(top, new RestrictCredential("worker", null, null, null));
        using var feed = Agents.Services.GetRequiredService<ChangeFeed>().Subscribe()!;

        await SignalAsync(new AccountStandingSignal(AccountId, 2, Suspended: true));

        await Agents.VerifyUntilAsync(top.Token, "planner", 401, seconds: 5);
        var (status, body) = await Agents.VerifyAsync(child.Token, "worker");
        (status, body).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"agent credential's account is suspended"}"""));
        (await Agents.SendAsync(s => s.Post.Url("/api/agents/refresh"), top.Token, "planner")).Status.ShouldBe(401);
        var announced = await ReadUntilAsync(feed, seen => seen.Count(e => e.Version is null) >= 2);
        announced.Where(e => e.Version is null).Select(e => (e.Kind, e.Id)).ShouldBe(
            [(CredentialChangesEndpoint.CredentialEvent, top.Id.ToString()), (CredentialChangesEndpoint.CredentialEvent, child.Id.ToString())], ignoreOrder: true);
    }

    [Fact]
    public async Task a_newer_reinstatement_signal_lifts_the_refusal_and_an_older_suspension_heard_late_does_not_undo_it()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        await SignalAsync(new AccountStandingSignal(AccountId, 2, Suspended: true));
        await Agents.VerifyUntilAsync(minted.Token, "planner", 401, seconds: 5);
        await SignalAsync(new AccountStandingSignal(AccountId, 3, Suspended: false));
        await Agents.VerifyUntilAsync(minted.Token, "planner", 200, seconds: 5);

        await SignalAsync(new AccountStandingSignal(AccountId, 2, Suspended: true));
        await Task.Delay(300, Ct);
        (await Agents.VerifyAsync(minted.Token, "planner")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task the_durable_suspension_revokes_every_live_credential_of_the_account_at_any_depth_and_announces_each()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var top = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(top, new RestrictCredential("worker", null, null, null));
        var (_, otherAdmin) = await Keys.CreateAccountAsync();
        var stranger = await Agents.MintAsync((await Keys.IssueKeyAsync(otherAdmin, ["chat:completions"])).Secret, Requests.AMint("planner"));
        using var feed = Agents.Services.GetRequiredService<ChangeFeed>().Subscribe()!;
        var suspended = Suspended(version: 2, at: DateTimeOffset.UtcNow);

        var tracked = await Agents.InvokeMessageAndWaitAsync(suspended);

        var cascades = tracked.Sent.MessagesOf<AgentCredentialCascadeRevoked>().ToList();
        cascades.Select(c => c.CredentialId).ShouldBe([top.Id, child.Id], ignoreOrder: true);
        cascades.ShouldAllBe(c => c.Cause == RevocationCauses.AccountSuspended && c.CauseId == AccountId && c.CauseEventId == suspended.EventId);
        var views = new[] { await ViewAsync(top.Id), await ViewAsync(child.Id) };
        views.ShouldAllBe(v => v.Status == "revoked" && v.RevocationReason == RevocationCauses.AccountSuspended);
        // Announced with the versions their revocations got, so a resource server never caches an older answer again.
        var announced = await ReadUntilAsync(feed, seen => views.All(v => seen.Any(e => e.Id == v.Id.ToString() && e.Version == v.Version)));
        // The other account's credential is not revoked: never announced past the version its mint gave it (its mint's own
        // announcement may still arrive after the feed was subscribed).
        var strangerView = Json.Read<CredentialView>((await Agents.SendAsync(s => s.Get.Url($"/api/agents/{stranger.Id}"), otherAdmin)).Body);
        strangerView.Status.ShouldBe("active");
        announced.ShouldNotContain(e => e.Id == stranger.Id.ToString() && e.Version > strangerView.Version);
        (await Agents.VerifyAsync(top.Token, "planner")).Status.ShouldBe(401);
        (await Agents.VerifyAsync(stranger.Token, "planner")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task minting_is_refused_while_the_account_is_suspended_and_allowed_after_reinstatement_which_brings_no_credential_back()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var before = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var userToken = TestAccessTokens.ForUser(Guid.CreateVersion7(), AccountId, "chat:completions");

        await Agents.InvokeMessageAndWaitAsync(Suspended(version: 2, at: DateTimeOffset.UtcNow));

        var (status, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint("planner"));
        (status, body).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"the account is suspended: no agent credentials are minted for it"}"""));
        (await Agents.TryMintAsync(userToken, Requests.AMint("planner"))).Status.ShouldBe(401);

        await Agents.InvokeMessageAndWaitAsync(new AccountReinstated(Guid.CreateVersion7(), AccountId, "operator", DateTimeOffset.UtcNow) { SourceVersion = 3 });

        var after = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        (await Agents.VerifyAsync(after.Token, "planner")).Status.ShouldBe(200);
        (await Agents.VerifyAsync(before.Token, "planner")).Status.ShouldBe(401);
        (await ViewAsync(before.Id)).Status.ShouldBe("revoked");
    }

    [Fact]
    public async Task a_suspension_heard_after_the_newer_reinstatement_ends_what_lived_through_it_but_does_not_suspend_the_account_again()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var lived = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var t0 = Clock.GetUtcNow();

        await Agents.InvokeMessageAndWaitAsync(new AccountReinstated(Guid.CreateVersion7(), AccountId, "operator", t0.AddMinutes(2)) { SourceVersion = 3 });
        Clock.Advance(TimeSpan.FromMinutes(3));
        var since = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        await Agents.InvokeMessageAndWaitAsync(Suspended(version: 2, at: t0.AddMinutes(1)));

        (await ViewAsync(lived.Id)).RevocationReason.ShouldBe(RevocationCauses.AccountSuspended);
        (await ViewAsync(since.Id)).Status.ShouldBe("active");
        (await Agents.VerifyAsync(since.Token, "planner")).Status.ShouldBe(200);
        (await Agents.TryMintAsync(key.Secret, Requests.AMint("planner"))).Status.ShouldBe(201);
    }

    [Fact]
    public async Task another_replica_refuses_minting_once_the_durable_suspension_was_handled_by_one()
    {
        await using var other = await Fixture.StartAgentsAsync();
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);

        await Agents.InvokeMessageAndWaitAsync(Suspended(version: 2, at: DateTimeOffset.UtcNow));

        await Poll.UntilAsync(async () => (await other.TryMintAsync(key.Secret, Requests.AMint("planner"))).Status == 401, seconds: 5);
    }

    [Fact]
    public void a_standing_moves_only_to_a_newer_version()
    {
        var standing = AccountStanding.Unknown(Guid.NewGuid()).With(suspended: false, 3);

        standing.With(suspended: true, 2).ShouldBeSameAs(standing);
        standing.With(suspended: true, 3).ShouldBeSameAs(standing);
        standing.With(suspended: true, 4).Suspended.ShouldBeTrue();
    }

    private AccountSuspended Suspended(long version, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), AccountId, "unpaid", "operator", at) { SourceVersion = version };

    private Task SignalAsync(AccountStandingSignal signal) => Agents.NotifyAsync(AccountStandingSignal.Channel, signal.ToPayload(), Ct);

    private async Task<CredentialView> ViewAsync(Guid id) =>
        Json.Read<CredentialView>((await Agents.SendAsync(s => s.Get.Url($"/api/agents/{id}"), Admin)).Body);

    /// <summary>Feed events of this replica until <paramref name="done"/> holds (at most 5 s).</summary>
    private static async Task<List<FeedEvent>> ReadUntilAsync(ChangeFeed.Subscription feed, Func<List<FeedEvent>, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var seen = new List<FeedEvent>();
        while (!done(seen)) seen.Add(await feed.Events.ReadAsync(timeout.Token));
        return seen;
    }
}
