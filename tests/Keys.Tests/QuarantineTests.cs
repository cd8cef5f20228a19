using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Keys.Tests;

public class QuarantineTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private async Task<ApiKey> LoadAsync(Guid id)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<ApiKey>(id, Ct))!;
    }

    [Fact]
    public async Task audits_quarantine_suspends_the_key_and_announces_it_and_reinstate_undoes_it()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        var tracked = await Host.InvokeMessageAndWaitAsync(new QuarantineKey(key.Id, AccountId, "quarantined: unusual usage (volume-spike)", Guid.CreateVersion7()));

        (await LoadAsync(key.Id)).Status.ShouldBe(KeyStatus.Suspended);
        // One event, sent to each of its consumers' queues (Audit, Tokens, Agents).
        var suspended = tracked.Sent.MessagesOf<KeySuspended>().DistinctBy(e => e.EventId).ShouldHaveSingleItem();
        suspended.Actor.ShouldBe(QuarantineKeyHandler.Actor);
        suspended.Reason.ShouldBe("quarantined: unusual usage (volume-spike)");
        (await Host.CommandAsync(Admin, key.Id, "reinstate")).Status.ShouldBe(200);
        (await LoadAsync(key.Id)).Status.ShouldBe(KeyStatus.Active);
    }

    [Fact]
    public async Task a_quarantine_naming_another_account_or_a_revoked_key_changes_nothing()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        var revoked = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.CommandAsync(Admin, revoked.Id, "revoke", new RevokeKey("done"));

        await Host.InvokeMessageAndWaitAsync(new QuarantineKey(key.Id, Guid.CreateVersion7(), "spoofed", Guid.CreateVersion7()));
        await Host.InvokeMessageAndWaitAsync(new QuarantineKey(revoked.Id, AccountId, "too late", Guid.CreateVersion7()));

        (await LoadAsync(key.Id)).Status.ShouldBe(KeyStatus.Active);
        (await LoadAsync(revoked.Id)).Status.ShouldBe(KeyStatus.Revoked);
    }
}
