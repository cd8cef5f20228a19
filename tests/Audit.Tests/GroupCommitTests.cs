using Npgsql;
using Platform.Audit.Log;
using Platform.Audit.Webhooks;
using Platform.Contracts;
using Platform.Contracts.Keys;
using Platform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Platform.Audit.Tests;

/// <summary>Entries recorded together: one commit for whatever waited, each chain exactly as if recorded one by one.</summary>
public class GroupCommitTests(AuditFixture fixture) : AuditContext(fixture)
{
    private static PendingEntry Pending(IAuditedEvent e) => new(e, null);

    [Fact]
    public void a_batch_seals_each_subjects_events_onto_its_own_head_skipping_what_is_recorded_or_repeated()
    {
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (first, second) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        var now = DateTimeOffset.UtcNow;
        var renameSecond = new KeyRenamed(Guid.CreateVersion7(), second, Account, "s", "tester", now);
        var issueFirst = Scenarios.AKeyIssued(first, Account);
        var renameFirst = new KeyRenamed(Guid.CreateVersion7(), first, Account, "f", "tester", now);
        var alreadyRecorded = new KeyRenamed(Guid.CreateVersion7(), second, Account, "old", "tester", now);
        var secondHead = new AuditTrail(second, Account, AuditSubjects.Key, 4, new string('c', 64));
        var wantsRenames = new Webhook(Guid.CreateVersion7(), Account, "https://example.test/hook", [nameof(KeyRenamed)], "p", "tester", now);
        var otherAccount = wantsRenames with { Id = Guid.CreateVersion7(), AccountId = Guid.CreateVersion7(), EventTypes = [Webhook.AllEvents] };

        var (entries, deliveries) = RecordAuditedEventHandler.Decide(
            [Pending(renameSecond), Pending(issueFirst), Pending(alreadyRecorded), Pending(renameFirst), Pending(issueFirst)],
            new Dictionary<Guid, AuditTrail?> { [first] = null, [second] = secondHead },
            new HashSet<Guid> { alreadyRecorded.EventId }, [wantsRenames, otherAccount], now);

        // Subjects in id order (their locks' order), each subject's events in arrival order; nothing twice.
        entries.Select(e => e.EventId).ShouldBe([issueFirst.EventId, renameFirst.EventId, renameSecond.EventId]);
        entries.Select(e => e.Position).ShouldBe([1L, 2L, 5L]);
        entries[0].PreviousHash.ShouldBe(AuditChain.Genesis);
        entries[1].PreviousHash.ShouldBe(entries[0].Hash);
        entries[2].PreviousHash.ShouldBe(secondHead.HeadHash);
        entries.ShouldAllBe(e => e.Hash == AuditChain.HashOf(e));
        // Only the account's webhook that wants renames: one delivery per rename.
        deliveries.Select(d => d.WebhookId).ShouldBe([wantsRenames.Id, wantsRenames.Id]);
    }

    [Fact]
    public async Task events_of_many_keys_arriving_at_once_share_commits_and_each_is_recorded_once_at_its_chains_start()
    {
        const int count = 300;
        var events = Enumerable.Range(0, count).Select(_ => Scenarios.AKeyIssued(Guid.CreateVersion7(), Account)).ToList();

        // Through Keys' outbox and the real queue, in parallel, as a busy Keys would send them.
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (e, _) =>
        {
            using var scope = Keys.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(e);
        });
        var keys = events.Select(e => e.KeyId).ToArray();
        await Poll.UntilAsync(async () => (await RecordedAsync(keys)).Events >= count, seconds: 120);
        await Task.Delay(500, Ct); // a copy still in flight would show as a second entry

        var (recorded, transactions) = await RecordedAsync(keys);
        recorded.ShouldBe(count);
        foreach (var key in keys.Take(20))
            (await Audit.EventsForAsync(Admin, key)).ShouldHaveSingleItem().Position.ShouldBe(1);
        (await Audit.VerifyAsync(Admin, "")).Intact.ShouldBeTrue();
        // Each row's xmin is the transaction that wrote it: recorded one by one, there would be as many as events.
        TestContext.Current.TestOutputHelper?.WriteLine($"{count} entries in {transactions} commits");
        transactions.ShouldBeLessThan(count);
    }

    private static async Task<(long Events, long Transactions)> RecordedAsync(Guid[] subjects)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), count(distinct xmin::text) from audit.mt_events where stream_id = any(@subjects)", connection);
        command.Parameters.AddWithValue("subjects", subjects);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
