using System.Text.Json;
using Platform.Audit.Log;
using Platform.Audit.Replay;
using Platform.Contracts;
using Platform.Contracts.Keys;

namespace Platform.Audit.Tests;

/// <summary>A subject's history as as-of reads keep it: in the order events occurred, whatever order they were recorded in.</summary>
public class SubjectHistoryTests
{
    private static readonly Guid Key = Guid.CreateVersion7();
    private static readonly Guid Account = Guid.CreateVersion7();
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(long sequence, string eventType, int second, object data) =>
        new(Guid.CreateVersion7(), sequence, Key, AuditSubjects.Key, Account, eventType, "tester", "keys-api", T0.AddSeconds(second), T0.AddSeconds(second),
            null, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web), sequence, "", "");

    private static AuditEntry Issued(long sequence, int second) =>
        Entry(sequence, nameof(KeyIssued), second, new { name = "issued", environment = "live", scopes = new[] { "models:read" } });

    private static AuditEntry Renamed(long sequence, int second, string name) => Entry(sequence, nameof(KeyRenamed), second, new { name });

    [Fact]
    public void an_instant_counts_the_entries_that_occurred_at_or_before_it_and_the_key_as_they_left_it()
    {
        var history = SubjectHistory.Of(3, [Issued(1, 0), Renamed(2, 10, "a"), Renamed(3, 20, "b")])!;

        history.CountUpTo(T0.AddSeconds(-1)).ShouldBe(0);
        history.KeyAfter(0).ShouldBe(Replay.KeyState.Unknown);
        history.CountUpTo(T0.AddSeconds(10)).ShouldBe(2, "an entry at the instant itself is part of it");
        history.KeyAfter(2).Name.ShouldBe("a");
        history.EntriesUpTo(2).Select(e => e.Sequence).ShouldBe([1L, 2L]);
        history.CountUpTo(T0.AddSeconds(25)).ShouldBe(3);
        history.KeyAfter(3).Name.ShouldBe("b");
    }

    [Fact]
    public void an_entry_recorded_late_that_occurred_earlier_takes_its_place_and_the_key_is_folded_again_from_there()
    {
        var kept = SubjectHistory.Of(2, [Issued(1, 0), Renamed(2, 20, "b")])!;
        var late = Renamed(3, 10, "a");

        var history = kept.With(3, [late]);
        var whole = SubjectHistory.Of(3, [Issued(1, 0), Renamed(2, 20, "b"), late])!;

        history.Version.ShouldBe(3);
        history.Entries.Select(e => e.Sequence).ShouldBe([1L, 3L, 2L]);
        history.KeyAfter(2).Name.ShouldBe("a");
        history.KeyAfter(3).Name.ShouldBe("b");
        // Records compare their scope lists by reference: compared as JSON, state for state.
        Enumerable.Range(0, 4).Select(n => JsonSerializer.Serialize(history.KeyAfter(n)))
            .ShouldBe(Enumerable.Range(0, 4).Select(n => JsonSerializer.Serialize(whole.KeyAfter(n))));
        kept.KeyAfter(2).Name.ShouldBe("b", "a kept history is never changed by a newer one");
    }

    [Fact]
    public void entries_recorded_in_the_order_they_occurred_are_appended()
    {
        var kept = SubjectHistory.Of(1, [Issued(1, 0)])!;

        var history = kept.With(3, [Renamed(2, 10, "a"), Renamed(3, 20, "b")]);

        history.Entries.Select(e => e.Sequence).ShouldBe([1L, 2L, 3L]);
        history.KeyAfter(1).ShouldBeSameAs(kept.KeyAfter(1));
        history.KeyAfter(3).Name.ShouldBe("b");
    }

    [Fact]
    public void a_stream_with_nothing_recorded_is_no_history() => SubjectHistory.Of(1, []).ShouldBeNull();
}
