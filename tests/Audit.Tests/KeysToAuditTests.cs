using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Audit.Log;
using Platform.Contracts;
using Platform.Contracts.Keys;
using Wolverine;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

public class KeysToAuditTests(AuditFixture fixture) : AuditContext(fixture)
{
    [Fact]
    public async Task key_issued_in_keys_is_recorded_by_audit_over_the_postgresql_transport_with_its_trace()
    {
        var issued = await Keys.IssueKeyAsync(Admin);

        // Generous bound: this asserts delivery, not speed (bench/ measures latency).
        var entry = (await Audit.WaitForEventsAsync(Admin, issued.Id)).ShouldHaveSingleItem();

        entry.EventType.ShouldBe(nameof(KeyIssued));
        entry.SubjectType.ShouldBe(AuditSubjects.Key);
        entry.AccountId.ShouldBe(Account);
        entry.Source.ShouldBe("keys-api");
        entry.Actor.ShouldStartWith("key:");
        entry.TraceId.ShouldNotBeNull().Length.ShouldBe(32);
        entry.TraceId.ShouldNotBe(new string('0', 32));
        entry.Data.GetRawText().ShouldContain(issued.Display);
        entry.Data.GetRawText().ShouldNotContain(issued.Secret[8..]);
    }

    [Fact]
    public async Task an_event_delivered_several_times_through_the_queue_is_recorded_once()
    {
        var keyId = Guid.CreateVersion7();
        var message = Scenarios.AKeyIssued(keyId, Account);
        // Keys routes every key event to Audit's queue: five copies, as redelivery after a crash would send.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var scope = Keys.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message);
        }));
        await Audit.WaitForEventsAsync(Admin, keyId);
        await Task.Delay(500, Ct);
        // One more, in-process; copies still in flight may make it retry, which is the point.
        await Audit.TrackActivity().DoNotAssertOnExceptionsDetected().InvokeMessageAndWaitAsync(message);

        (await Audit.EventsForAsync(Admin, keyId)).ShouldHaveSingleItem().Id.ShouldBe(message.EventId);
        await using var session = Audit.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Events.FetchStreamAsync(keyId, token: Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_key_lifecycle_forms_one_chain_in_the_keys_stream()
    {
        var issued = await Keys.IssueKeyAsync(Admin);
        await Audit.WaitForEventsAsync(Admin, issued.Id);
        await Keys.SendAsync(s => s.Post.Json(new { reason = "leaked" }).ToUrl($"/api/keys/{issued.Id}/revoke"), Admin);

        var entries = await Audit.WaitForEventsAsync(Admin, issued.Id, count: 2);

        entries.Select(e => e.EventType).ShouldBe([nameof(KeyIssued), nameof(KeyRevoked)]);
        entries.Select(e => e.Position).ShouldBe([1L, 2L]);
        entries[0].PreviousHash.ShouldBe(AuditChain.Genesis);
        entries[1].PreviousHash.ShouldBe(entries[0].Hash);
    }
}
