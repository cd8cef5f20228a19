using System.Diagnostics;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Audit.Log;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Platform.Testing;
using Wolverine;

namespace Platform.Audit.Tests;

/// <summary>
/// Contention on one subject, through the real queue and with a second Audit replica on the same database:
/// every event is recorded once, none is dead-lettered, and the history verifies complete.
/// </summary>
public class BurstTests(AuditFixture fixture) : AuditContext(fixture)
{
    private async Task<int> CountAsync(Guid subject)
    {
        await using var session = Audit.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<AuditEntry>().CountAsync(e => e.SubjectId == subject, Ct);
    }

    private async Task WaitForCountAsync(Guid subject, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await CountAsync(subject) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{await CountAsync(subject)} of {count} entries within {timeout.TotalSeconds} s");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<long> DeadLettersAsync()
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from audit.wolverine_dead_letters", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<AuditEntry>> EntriesAsync(Guid subject)
    {
        await using var session = Audit.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. await session.Query<AuditEntry>().Where(e => e.SubjectId == subject).OrderBy(e => e.Position).ToListAsync(Ct)];
    }

    /// <summary>Exactly versions 1..count, once each, at positions 1..count: nothing lost, nothing twice, no fork.</summary>
    private async Task ShouldBeCompleteAsync(Guid key, int count)
    {
        var entries = await EntriesAsync(key);
        entries.Count.ShouldBe(count);
        entries.Select(e => e.Position).ShouldBe(Enumerable.Range(1, count).Select(i => (long)i));
        entries.Select(e => e.SourceVersion).Order().ShouldBe(Enumerable.Range(1, count).Select(i => (long)i));
        var verification = await Audit.VerifyAsync(Admin, $"?subject={key}");
        verification.FirstBroken.ShouldBeNull();
        verification.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task hundreds_of_events_of_one_key_published_at_once_are_all_recorded_once_by_two_replicas()
    {
        const int count = 600;
        var key = Guid.CreateVersion7();
        IKeyEvent[] events =
        [
            Scenarios.AKeyIssued(key, Account) with { SourceVersion = 1 },
            .. Enumerable.Range(2, count - 1).Select(v => new KeyRenamed(Guid.CreateVersion7(), key, Account, $"name-{v}", "tester", DateTimeOffset.UtcNow) { SourceVersion = v }),
        ];
        await using var replica = await AuditFixture.StartAuditAsync(Keys);
        var deadLetters = await DeadLettersAsync();
        var clock = Stopwatch.StartNew();

        // Keys routes key events to Audit's queue; published in parallel and out of order, as a busy producer's outbox would.
        await Parallel.ForEachAsync(events.OrderBy(_ => Random.Shared.Next()), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (e, _) =>
        {
            using var scope = Keys.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(e);
        });
        await WaitForCountAsync(key, count, TimeSpan.FromMinutes(3));

        TestContext.Current.TestOutputHelper?.WriteLine($"{count} events of one key recorded by two replicas in {clock.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(500, Ct); // anything still in flight would show as an extra entry or a dead letter
        await ShouldBeCompleteAsync(key, count);
        (await DeadLettersAsync()).ShouldBe(deadLetters);
    }

    [Fact]
    public async Task a_thousand_renames_of_one_key_in_keys_leave_a_complete_history_of_a_thousand_and_one()
    {
        const int renames = 1000;
        await using var replica = await AuditFixture.StartAuditAsync(Keys);
        var deadLetters = await DeadLettersAsync();
        var key = await Keys.IssueKeyAsync(Admin);
        var clock = Stopwatch.StartNew();

        // One client renaming as fast as Keys answers: the issue's scenario, at a higher rate.
        for (var i = 0; i < renames; i++)
        {
            var (status, body) = await Keys.SendAsync(s => s.Post.Json(new RenameKey($"name-{i}")).ToUrl($"/api/keys/{key.Id}/rename"), Admin);
            status.ShouldBe(200, body);
        }
        var renamed = clock.Elapsed;
        await WaitForCountAsync(key.Id, renames + 1, TimeSpan.FromMinutes(3));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{renames} renames in {renamed.TotalSeconds:0.0} s; {renames + 1} entries recorded by two replicas {clock.Elapsed.TotalSeconds:0.0} s after the first");
        await ShouldBeCompleteAsync(key.Id, renames + 1);
        (await DeadLettersAsync()).ShouldBe(deadLetters);
    }
}
