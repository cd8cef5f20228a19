using Platform.Audit.Integrity;
using Platform.Audit.Log;
using Platform.Contracts;
using Platform.Contracts.Keys;
using Platform.Contracts.Tokens;

namespace Platform.Audit.Tests;

/// <summary>The pure checks of verify: completeness per source stream, and chains that mix formats.</summary>
public class SourceCompletenessTests
{
    private static readonly Guid Account = Guid.CreateVersion7();

    /// <summary>A subject's chain, sealed entry after entry as the handler seals them.</summary>
    private static List<AuditRecorded> Chain(IEnumerable<IAuditedEvent> events)
    {
        var entries = new List<AuditRecorded>();
        AuditTrail? head = null;
        foreach (var e in events)
        {
            var entry = RecordAuditedEventHandler.Record(e, head, null, DateTimeOffset.UtcNow, null);
            entries.Add(entry);
            head = head is null ? AuditTrail.Create(entry) : head.Apply(entry);
        }
        return entries;
    }

    private static List<AuditRecorded> KeyChain(Guid key, params long[] versions) =>
        Chain(versions.Select(v => new KeyRenamed(Guid.CreateVersion7(), key, Account, $"name-{v}", "tester", DateTimeOffset.UtcNow) { SourceVersion = v }));

    [Fact]
    public void a_keys_versions_from_one_without_a_gap_are_complete_in_any_recording_order()
    {
        var key = Guid.CreateVersion7();

        SourceCompleteness.Check(key, KeyChain(key, 1, 2, 3, 4)).ShouldBeNull();
        SourceCompleteness.Check(key, KeyChain(key, 3, 1, 4, 2)).ShouldBeNull();
    }

    [Fact]
    public void the_lowest_missing_version_is_named_at_the_entry_holding_the_next_one()
    {
        var key = Guid.CreateVersion7();
        var entries = KeyChain(key, 1, 2, 5, 3, 7);

        SourceCompleteness.Check(key, entries).ShouldBe(new BrokenLink(key, 3, entries[2].EventId, "source version 4 of this key is missing"));
    }

    [Fact]
    public void a_history_that_lacks_its_first_event_has_a_gap()
    {
        var key = Guid.CreateVersion7();
        var entries = KeyChain(key, 2, 3);

        SourceCompleteness.Check(key, entries).ShouldBe(new BrokenLink(key, 1, entries[0].EventId, "source version 1 of this key is missing"));
    }

    [Fact]
    public void a_version_recorded_twice_is_named_at_its_second_entry()
    {
        var key = Guid.CreateVersion7();
        var entries = KeyChain(key, 1, 2, 3, 2, 4);

        SourceCompleteness.Check(key, entries).ShouldBe(new BrokenLink(key, 4, entries[3].EventId, "source version 2 of this key is recorded twice (first at position 2)"));
    }

    [Fact]
    public void entries_without_a_source_version_take_no_part()
    {
        var key = Guid.CreateVersion7();
        var entries = KeyChain(key, 0, 1, 0, 2, 0);

        SourceCompleteness.Check(key, entries).ShouldBeNull();
    }

    [Fact]
    public void an_agent_credential_must_be_complete_too()
    {
        var credential = Guid.CreateVersion7();
        var entries = Chain(new long[] { 1, 3 }.Select(v => new Platform.Contracts.Agents.AgentCredentialRevoked(Guid.CreateVersion7(), credential, Account, "r", "tester", DateTimeOffset.UtcNow) { SourceVersion = v }));

        SourceCompleteness.Check(credential, entries).ShouldNotBeNull().Reason.ShouldBe("source version 2 of this agent credential is missing");
    }

    [Fact]
    public void a_client_may_skip_versions_its_producer_does_not_announce_but_never_repeat_one()
    {
        var client = Guid.CreateVersion7();
        ClientDisabled Disabled(long v) => new(Guid.CreateVersion7(), client, Account, "r", "tester", DateTimeOffset.UtcNow) { SourceVersion = v };

        SourceCompleteness.Check(client, Chain([Disabled(1), Disabled(3), Disabled(6)])).ShouldBeNull();
        SourceCompleteness.Check(client, Chain([Disabled(1), Disabled(3), Disabled(3)])).ShouldNotBeNull()
            .Reason.ShouldBe("source version 3 of this client is recorded twice (first at position 2)");
    }

    [Fact]
    public void the_versions_of_different_sources_are_counted_apart()
    {
        var key = Guid.CreateVersion7();
        var entries = KeyChain(key, 1, 2);
        entries.Add(AuditChain.Seal(entries[1] with { EventId = Guid.CreateVersion7(), Source = "other-api", SourceVersion = 1 }, 3, entries[1].Hash));

        SourceCompleteness.Check(key, entries).ShouldBeNull();
    }

    [Fact]
    public void a_chain_of_audit_v1_entries_followed_by_audit_v2_ones_verifies()
    {
        var key = Guid.CreateVersion7();
        var entries = KeyChain(key, 0, 0, 1, 2);
        // The first two as entries stored before formats were named: audit-v1, hashed without a source version.
        var first = V1(entries[0], AuditChain.Genesis);
        var second = V1(entries[1], first.Hash);
        var third = AuditChain.Seal(entries[2], 3, second.Hash);
        List<AuditRecorded> chain = [first, second, third, AuditChain.Seal(entries[3], 4, third.Hash)];

        AuditChain.Canonical(first).ShouldStartWith("8:audit-v1,1:1,");
        AuditChain.Canonical(third).ShouldStartWith("8:audit-v2,1:3,");
        AuditChain.Canonical(third).ShouldEndWith(",1:1,");
        ChainVerifier.Verify(key, chain.Select(e => (e.Position, e))).Broken.ShouldBeNull();
    }

    [Fact]
    public void a_source_version_cannot_be_changed_in_an_audit_v2_entry_nor_added_to_an_audit_v1_one()
    {
        var key = Guid.CreateVersion7();
        var v2 = KeyChain(key, 1);
        var v1 = V1(KeyChain(key, 0)[0], AuditChain.Genesis);

        ChainVerifier.Verify(key, [(1, v2[0] with { SourceVersion = 2 })]).Broken.ShouldNotBeNull().Reason.ShouldBe("entry content does not match its hash");
        ChainVerifier.Verify(key, [(1, v2[0] with { Format = AuditChain.V1 })]).Broken.ShouldNotBeNull().Reason.ShouldBe("an audit-v1 entry cannot carry a source version");
        ChainVerifier.Verify(key, [(1, v1 with { SourceVersion = 1 })]).Broken.ShouldNotBeNull().Reason.ShouldBe("an audit-v1 entry cannot carry a source version");
        ChainVerifier.Verify(key, [(1, v1 with { Format = "audit-v9" })]).Broken.ShouldNotBeNull().Reason.ShouldBe("entry has an unknown format 'audit-v9'");
    }

    private static AuditRecorded V1(AuditRecorded e, string previousHash)
    {
        var placed = e with { Format = AuditChain.V1, SourceVersion = 0, PreviousHash = previousHash, Hash = "" };
        return placed with { Hash = AuditChain.HashOf(placed) };
    }
}
