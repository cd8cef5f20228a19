using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Audit.Log;
using Platform.Contracts;
using Platform.Contracts.Tokens;
using Wolverine.Runtime;
using Wolverine.Tracking;
using Wolverine.Util;
using JasperFx.Core.Reflection;

namespace Platform.Audit.Tests;

public class RecordingTests(AuditFixture fixture) : AuditContext(fixture)
{
    [Fact]
    public async Task an_audited_event_of_another_service_is_recorded_by_the_one_generic_handler()
    {
        var client = Guid.CreateVersion7();
        var e = new ClientSecretRotatedForTest(Guid.CreateVersion7(), client, Account, "user:alice", DateTimeOffset.UtcNow);

        await Audit.InvokeMessageAndWaitAsync(e);

        var entry = (await Audit.EventsForAsync(Admin, client)).ShouldHaveSingleItem();
        entry.SubjectType.ShouldBe(AuditSubjects.Client);
        entry.Source.ShouldBe("tokens-api");
        entry.EventType.ShouldBe(nameof(ClientSecretRotatedForTest));
        entry.Actor.ShouldBe("user:alice");
    }

    [Fact]
    public void every_audited_contract_arriving_from_a_queue_resolves_to_the_generic_handler()
    {
        var handlers = Audit.Services.GetRequiredService<IWolverineRuntime>().As<WolverineRuntime>().Handlers;
        var contracts = AuditLogModule.AuditedContracts().ToList();

        contracts.ShouldNotBeEmpty();
        foreach (var contract in contracts)
        {
            handlers.TryFindMessageType(contract.ToMessageTypeName(), out var resolved).ShouldBeTrue(contract.Name);
            resolved.ShouldBe(contract);
            handlers.HandlerFor(contract).ShouldNotBeNull(contract.Name);
        }
    }

    [Fact]
    public async Task rebuilding_the_log_projection_from_the_event_store_gives_the_same_entries()
    {
        var keys = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        foreach (var key in keys)
        {
            await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(key, Account));
            await Audit.InvokeMessageAndWaitAsync(new Platform.Contracts.Keys.KeyRotated(Guid.CreateVersion7(), key, Account, Guid.CreateVersion7(), DateTimeOffset.UtcNow.AddDays(1), "tester", DateTimeOffset.UtcNow));
        }
        var before = JsonSerializer.Serialize(await Audit.PageAsync(Admin, "?order=asc"));
        var store = Audit.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(AuditEntry), Ct);
        (await Audit.PageAsync(Admin, "")).Items.ShouldBeEmpty();

        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<AuditEntryProjection>(TimeSpan.FromSeconds(30), Ct);

        var after = await Audit.PageAsync(Admin, "?order=asc");
        after.Items.Count.ShouldBe(4);
        JsonSerializer.Serialize(after).ShouldBe(before);
    }

    [Fact]
    public void an_entry_keeps_actor_source_time_and_trace_and_is_sealed_after_the_head()
    {
        var e = Scenarios.AKeyIssued(Guid.CreateVersion7(), Account);
        var now = DateTimeOffset.UtcNow;
        var head = new AuditTrail(e.KeyId, Account, AuditSubjects.Key, 3, new string('a', 64));

        var entry = RecordAuditedEventHandler.Record(e, head, "Platform.Keys", now, "4bf92f3577b34da6a3ce929d0e0e4736");

        entry.ShouldBeEquivalentTo(entry with
        {
            EventId = e.EventId, SubjectId = e.KeyId, AccountId = Account, Actor = "tester", Source = "keys-api",
            OccurredAt = e.OccurredAt, RecordedAt = now, TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            Position = 4, PreviousHash = new string('a', 64),
        });
        entry.Hash.ShouldBe(AuditChain.HashOf(entry));
        AuditChain.HashOf(entry with { Actor = "someone else" }).ShouldNotBe(entry.Hash);
    }

    [Fact]
    public void field_boundaries_cannot_be_shifted_to_forge_the_same_hash()
    {
        var e = RecordAuditedEventHandler.Record(Scenarios.AKeyIssued(Guid.CreateVersion7(), Account), null, null, DateTimeOffset.UtcNow, null);

        AuditChain.HashOf(e with { Actor = e.Actor + "k", Source = e.Source[1..] }).ShouldNotBe(AuditChain.HashOf(e with { Hash = "" }));
        AuditChain.Canonical(e).ShouldStartWith("8:audit-v2,1:1,64:0000");
    }
}
