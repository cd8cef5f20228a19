using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Audit.Integrity;
using Platform.Audit.Log;
using Platform.Contracts.Keys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

public class IntegrityTests(AuditFixture fixture) : AuditContext(fixture)
{
    private async Task<(Guid Key, IReadOnlyList<IKeyEvent> Events)> AKeyWithHistoryAsync()
    {
        var key = Guid.CreateVersion7();
        IKeyEvent[] events =
        [
            Scenarios.AKeyIssued(key, Account),
            new KeyRenamed(Guid.CreateVersion7(), key, Account, "renamed", "tester", DateTimeOffset.UtcNow),
            new KeyRevoked(Guid.CreateVersion7(), key, Account, "leaked", "tester", DateTimeOffset.UtcNow),
        ];
        foreach (var e in events) await Audit.InvokeMessageAndWaitAsync(e);
        return (key, events);
    }

    private Task<ChainVerification> VerifyAsync(string query = "") => Audit.VerifyAsync(Admin, query);

    private static async Task ExecuteSqlAsync(string sql, Guid stream)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = stream } } };
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task an_untouched_log_verifies_intact_with_each_subjects_head()
    {
        var (key, _) = await AKeyWithHistoryAsync();
        await AKeyWithHistoryAsync();

        var whole = await VerifyAsync();
        var one = await VerifyAsync($"?subject={key}");

        whole.Intact.ShouldBeTrue();
        whole.Subjects.ShouldBe(2);
        whole.Entries.ShouldBe(6);
        one.Heads.ShouldHaveSingleItem().ShouldBe(new ChainHead(key, 3, (await Audit.EventsForAsync(Admin, key))[2].Hash));
    }

    [Fact]
    public async Task an_entry_edited_in_the_database_is_named_as_the_first_broken_link()
    {
        var (key, events) = await AKeyWithHistoryAsync();

        await ExecuteSqlAsync("update audit.mt_events set data = replace(data::text, 'tester', 'mallory')::jsonb where stream_id = $1 and version = 2", key);
        var verification = await VerifyAsync();

        verification.Intact.ShouldBeFalse();
        verification.FirstBroken.ShouldBe(new BrokenLink(key, 2, events[1].EventId, "entry content does not match its hash"));
    }

    [Fact]
    public async Task an_entry_edited_only_in_the_read_model_is_found_too()
    {
        var (key, events) = await AKeyWithHistoryAsync();

        await ExecuteSqlAsync("update audit.mt_doc_auditentry set data = replace(data::text, 'leaked', 'expired')::jsonb where (data->>'SubjectId')::uuid = $1 and (data->>'Position')::int = 3", key);
        var verification = await VerifyAsync();

        verification.Intact.ShouldBeFalse();
        verification.FirstBroken.ShouldBe(new BrokenLink(key, 3, events[2].EventId, "read model entry differs from the recorded event"));
    }

    [Fact]
    public async Task an_entry_deleted_from_the_database_breaks_the_chain()
    {
        var (key, _) = await AKeyWithHistoryAsync();

        await ExecuteSqlAsync("delete from audit.mt_events where stream_id = $1 and version = 2", key);
        var verification = await VerifyAsync($"?subject={key}");

        verification.Intact.ShouldBeFalse();
        verification.FirstBroken.ShouldNotBeNull().Position.ShouldBe(2);
    }

    /// <summary>
    /// The procedure of docs/audit.md, written from the document and not from the service's code: each line's
    /// hash recomputed and its link checked. Answers each subject's last hash and the formats met, in order.
    /// </summary>
    private async Task<(Dictionary<string, string> Heads, List<string> Formats)> VerifyExportOfflineAsync()
    {
        var result = await Audit.Scenario(s =>
        {
            s.As(Admin).Get.Url("/api/audit/export");
            s.ContentTypeShouldBe(ExportAuditLogEndpoint.ContentType);
        });
        var heads = new Dictionary<string, string>();
        var formats = new List<string>();
        foreach (var line in (await result.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = JsonDocument.Parse(line).RootElement;
            string Field(string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? "" : e.GetProperty(name).ToString();
            var subject = Field("subjectId");
            Field("previousHash").ShouldBe(heads.GetValueOrDefault(subject, new string('0', 64)));
            var fields = new[] { Field("format"), Field("position"), Field("previousHash"), Field("eventId"), Field("subjectType"), subject,
                Field("accountId"), Field("eventType"), Field("actor"), Field("source"), Field("occurredAt"), Field("recordedAt"), Field("traceId"), Field("data") };
            if (Field("format") == "audit-v2") fields = [.. fields, Field("sourceVersion")];
            else Field("format").ShouldBe("audit-v1");
            var canonical = string.Concat(fields.Select(f => $"{Encoding.UTF8.GetByteCount(f)}:{f},"));
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            hash.ShouldBe(Field("hash"));
            heads[subject] = hash;
            formats.Add(Field("format"));
        }
        return (heads, formats);
    }

    [Fact]
    public async Task an_export_verifies_offline_by_recomputing_every_hash()
    {
        var (key, _) = await AKeyWithHistoryAsync();
        await AKeyWithHistoryAsync();

        var (heads, formats) = await VerifyExportOfflineAsync();

        formats.Count.ShouldBe(6);
        heads[key.ToString()].ShouldBe((await VerifyAsync($"?subject={key}")).Heads.Single().HeadHash);
    }

    [Fact]
    public async Task entries_stored_in_the_audit_v1_format_still_verify_and_the_chain_goes_on_after_them()
    {
        var key = Guid.CreateVersion7();
        var store = Audit.Services.GetRequiredService<IDocumentStore>();
        // Two entries as stored before formats were named: audit-v1 hashes, no format and no source version in the JSON.
        var first = AsV1(RecordAuditedEventHandler.Record(Scenarios.AKeyIssued(key, Account), null, "Platform.Keys", DateTimeOffset.UtcNow, null), AuditChain.Genesis);
        var second = AsV1(RecordAuditedEventHandler.Record(new KeyRenamed(Guid.CreateVersion7(), key, Account, "old", "tester", DateTimeOffset.UtcNow),
            AuditTrail.Create(first), "Platform.Keys", DateTimeOffset.UtcNow, null), first.Hash);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<AuditTrail>(key, first, second);
            await session.SaveChangesAsync(Ct);
        }
        await using (var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync()))
        {
            await connection.OpenAsync(Ct);
            await using var strip = new NpgsqlCommand("update audit.mt_events set data = data - 'Format' - 'SourceVersion' where stream_id = $1 and data ? 'Format'", connection)
                { Parameters = { new() { Value = key } } };
            (await strip.ExecuteNonQueryAsync(Ct)).ShouldBe(2);
        }

        await Audit.InvokeMessageAndWaitAsync(new KeyRevoked(Guid.CreateVersion7(), key, Account, "leaked", "tester", DateTimeOffset.UtcNow) { SourceVersion = 1 });

        var verification = await VerifyAsync($"?subject={key}");
        verification.FirstBroken.ShouldBeNull();
        verification.Heads.ShouldHaveSingleItem().Length.ShouldBe(3);
        var (heads, formats) = await VerifyExportOfflineAsync();
        formats.ShouldBe(["audit-v1", "audit-v1", "audit-v2"]);
        heads[key.ToString()].ShouldBe(verification.Heads[0].HeadHash);
    }

    [Fact]
    public async Task a_source_version_edited_in_the_database_breaks_the_chain()
    {
        var key = Guid.CreateVersion7();
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(key, Account) with { SourceVersion = 1 });
        await Audit.InvokeMessageAndWaitAsync(new KeyRenamed(Guid.CreateVersion7(), key, Account, "renamed", "tester", DateTimeOffset.UtcNow) { SourceVersion = 2 });

        await ExecuteSqlAsync("update audit.mt_events set data = jsonb_set(data, '{SourceVersion}', '3') where stream_id = $1 and version = 2", key);
        var verification = await VerifyAsync();

        verification.Intact.ShouldBeFalse();
        verification.FirstBroken.ShouldNotBeNull().ShouldSatisfyAllConditions(
            b => b.Position.ShouldBe(2), b => b.Reason.ShouldBe("entry content does not match its hash"));
    }

    private static AuditRecorded AsV1(AuditRecorded e, string previousHash)
    {
        var placed = e with { Format = AuditChain.V1, SourceVersion = 0, PreviousHash = previousHash, Hash = "" };
        return placed with { Hash = AuditChain.HashOf(placed) };
    }

    [Fact]
    public async Task another_accounts_subject_can_be_neither_verified_nor_exported()
    {
        var (key, _) = await AKeyWithHistoryAsync();
        var (_, stranger) = await Keys.CreateAccountAsync();

        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/verify?subject={key}"), stranger)).Status.ShouldBe(404);
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/export?subject={key}"), stranger)).Body.ShouldBeEmpty();
    }
}
