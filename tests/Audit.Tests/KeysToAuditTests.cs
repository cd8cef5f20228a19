using Platform.Contracts.Keys;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

public class KeysToAuditTests(AuditFixture fixture) : AuditContext(fixture)
{
    [Fact]
    public async Task key_issued_in_keys_is_recorded_by_audit_over_the_postgresql_transport()
    {
        var (account, issued) = await Keys.IssueKeyAsync();

        // Generous bound: this asserts delivery, not speed (bench/ measures latency).
        var entries = await Audit.WaitForEventsAsync(issued.Id, TimeSpan.FromSeconds(30));

        var entry = entries.ShouldHaveSingleItem();
        entry.EventType.ShouldBe(nameof(KeyIssued));
        entry.SubjectType.ShouldBe("api-key");
        entry.AccountId.ShouldBe(account);
        entry.Source.ShouldBe("keys-api");
        entry.Actor.ShouldStartWith("key:");
        entry.Data.GetRawText().ShouldContain(issued.Display);
        entry.Data.GetRawText().ShouldNotContain(issued.Secret[8..]);
    }

    [Fact]
    public async Task a_redelivered_event_is_recorded_once()
    {
        var keyId = Guid.CreateVersion7();
        var message = Scenarios.AKeyIssued(keyId);

        await Audit.InvokeMessageAndWaitAsync(message);
        await Audit.InvokeMessageAndWaitAsync(message);

        (await Audit.EventsForAsync(keyId)).ShouldHaveSingleItem().Id.ShouldBe(message.EventId);
    }
}
