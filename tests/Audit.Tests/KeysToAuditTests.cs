using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys;
using Platform.Keys.Accounts;
using Platform.Testing;
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
    public async Task events_of_one_key_arriving_together_form_one_unforked_chain()
    {
        var keyId = Guid.CreateVersion7();
        var renames = Enumerable.Range(0, 20)
            .Select(i => new KeyRenamed(Guid.CreateVersion7(), keyId, Account, $"name-{i}", "tester", DateTimeOffset.UtcNow)).ToList();

        await Task.WhenAll(renames.Select(async e =>
        {
            using var scope = Keys.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(e);
        }));
        var entries = await Audit.WaitForEventsAsync(Admin, keyId, count: renames.Count);

        entries.Select(e => e.Id).ShouldBe(renames.Select(e => e.EventId), ignoreOrder: true);
        entries.Select(e => e.Position).Order().ShouldBe(Enumerable.Range(1, renames.Count).Select(i => (long)i));
        var verification = await Audit.Scenario(s => s.As(Admin).Get.Url($"/api/audit/verify?subject={keyId}"));
        (await verification.ReadAsJsonAsync<Integrity.ChainVerification>())!.Intact.ShouldBeTrue();
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

    [Fact]
    public async Task an_entry_carries_the_trace_id_of_the_request_that_caused_it()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var result = await Keys.Scenario(s =>
        {
            s.As(Admin).Post.Json(new Platform.Keys.ApiKeys.IssueKey("traced", "live", ["usage:read"], null)).ToUrl("/api/keys");
            s.WithRequestHeader("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            s.StatusCodeShouldBe(201);
        });
        var issued = (await result.ReadAsJsonAsync<Platform.Keys.ApiKeys.IssuedKey>())!;

        (await Audit.WaitForEventsAsync(Admin, issued.Id)).ShouldHaveSingleItem().TraceId.ShouldBe(traceId);
    }

    [Fact]
    public async Task usage_counted_by_keys_is_reported_to_audit_per_key_and_minute()
    {
        var issued = await Keys.IssueKeyAsync(Admin);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var verify = await Keys.SendAsync(s => s.Post.Json(new VerifyKey(issued.Secret, [], "198.51.100.23")).ToUrl("/api/keys/verify"), null);
            if (verify.Status == 200) break;
            await Task.Delay(25, Ct);
        }
        await Keys.SendAsync(s => s.Post.Json(new VerifyKey(issued.Secret, [], "198.51.100.24")).ToUrl("/api/keys/verify"), null);

        var reports = await WaitForUsageAsync(issued.Id, count: 2);

        reports.Sum(r => r.Count).ShouldBe(2);
        reports.SelectMany(r => r.Ips).ShouldBe(["198.51.100.23", "198.51.100.24"], ignoreOrder: true);
        reports.ShouldAllBe(r => r.AccountId == Account);
    }

    private async Task<IReadOnlyList<Usage.KeyUsageMinuteReport>> WaitForUsageAsync(Guid key, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var session = Audit.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var reports = await session.Query<Usage.KeyUsageMinuteReport>().Where(r => r.KeyId == key).ToListAsync(Ct);
            if (reports.Sum(r => r.Count) >= count || DateTime.UtcNow > deadline) return reports;
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task the_development_bootstrap_announces_its_admin_keys_issue_so_its_history_starts_at_one()
    {
        await Keys.ResetMartenDataAsync();
        var file = Path.Combine(Path.GetTempPath(), $"bootstrap-{Guid.NewGuid():N}");
        try
        {
            await using (await ServiceHost.StartAsync<KeysApi>(web => web.UseSetting(DevelopmentBootstrap.SecretFileSetting, file)))
            {
                File.Exists(file).ShouldBeTrue();
                await using var session = Audit.Services.GetRequiredService<IDocumentStore>().QuerySession();
                var deadline = DateTime.UtcNow.AddSeconds(30);
                AuditEntry? entry;
                while ((entry = await session.Query<AuditEntry>().FirstOrDefaultAsync(e => e.AccountId == AccountBootstrap.DevelopmentAccountId && e.EventType == nameof(KeyIssued), Ct)) is null
                       && DateTime.UtcNow < deadline)
                    await Task.Delay(100, Ct);

                // The account's opening is announced too, in no fixed order with the key's issue: look for the key's.
                entry.ShouldNotBeNull().EventType.ShouldBe(nameof(KeyIssued));
                entry.SourceVersion.ShouldBe(1);
                entry.Actor.ShouldBe(AccountBootstrap.Actor);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
