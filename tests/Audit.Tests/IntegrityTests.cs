using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Npgsql;
using Platform.Audit.Integrity;
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

    private async Task<ChainVerification> VerifyAsync(string query = "")
    {
        var result = await Audit.Scenario(s =>
        {
            s.As(Admin).Get.Url($"/api/audit/verify{query}");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<ChainVerification>())!;
    }

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

    [Fact]
    public async Task an_export_verifies_offline_by_recomputing_every_hash()
    {
        var (key, _) = await AKeyWithHistoryAsync();
        await AKeyWithHistoryAsync();
        var result = await Audit.Scenario(s =>
        {
            s.As(Admin).Get.Url("/api/audit/export");
            s.ContentTypeShouldBe(ExportAuditLogEndpoint.ContentType);
        });
        var lines = (await result.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Length.ShouldBe(6);
        var heads = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            // The procedure of docs/audit.md, written from the document and not from the service's code.
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
        }
        heads[key.ToString()].ShouldBe((await VerifyAsync($"?subject={key}")).Heads.Single().HeadHash);
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
