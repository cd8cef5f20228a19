using Npgsql;
using Platform.Audit.Replay;
using Platform.Contracts.Keys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

/// <summary>The auditor's report on a key: what it could do at T, who changed it, its use after revocation, and whether the chain holds.</summary>
public class SubjectReportTests(AuditFixture fixture) : AuditContext(fixture)
{
    private readonly Guid _key = Guid.CreateVersion7();
    private readonly DateTimeOffset _issuedAt = DateTimeOffset.UtcNow.AddHours(-2);

    private async Task<DateTimeOffset> AKeyChangedRevokedAndUsedAfterAsync()
    {
        var revokedAt = _issuedAt.AddHours(1);
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(_key, Account) with { OccurredAt = _issuedAt, Actor = "user:alice" });
        await Audit.InvokeMessageAndWaitAsync(new KeyScopesChanged(Guid.CreateVersion7(), _key, Account, ["models:read", "chat:completions"], "user:bob", _issuedAt.AddMinutes(30)));
        await Audit.InvokeMessageAndWaitAsync(new KeyRevoked(Guid.CreateVersion7(), _key, Account, "leaked", "user:carol", revokedAt));
        var minute = new DateTimeOffset(revokedAt.Year, revokedAt.Month, revokedAt.Day, revokedAt.Hour, revokedAt.Minute, 0, TimeSpan.Zero);
        await Audit.InvokeMessageAndWaitAsync(new KeyUsageReported(Guid.CreateVersion7(), _key, Account, "replica-b", minute, 2, revokedAt.AddSeconds(3),
            ["203.0.113.9"], "system", DateTimeOffset.UtcNow));
        return revokedAt;
    }

    private async Task<SubjectReport> ReportAsync(string query = "", string? asKey = null)
    {
        var (status, body) = await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{_key}/report{query}"), asKey ?? Admin);
        status.ShouldBe(200, body);
        return Json.Read<SubjectReport>(body);
    }

    [Fact]
    public async Task the_report_answers_what_the_key_could_do_then_who_changed_it_and_its_use_after_revocation()
    {
        var revokedAt = await AKeyChangedRevokedAndUsedAfterAsync();
        var before = _issuedAt.AddMinutes(45);

        var report = await ReportAsync($"?at={Uri.EscapeDataString(before.ToString("O"))}");

        report.At.ShouldBe(before);
        report.SubjectType.ShouldBe("key");
        report.Key.ShouldNotBeNull().Status.ShouldBe("active");
        report.Key.Scopes.ShouldBe(["models:read", "chat:completions"]);
        report.Key.Name.ShouldBe("replayed");
        report.Changes.Select(c => (c.EventType, c.Actor)).ShouldBe(
            [(nameof(KeyIssued), "user:alice"), (nameof(KeyScopesChanged), "user:bob"), (nameof(KeyRevoked), "user:carol")]);
        report.Changes.Select(c => c.OccurredAt).ShouldBeInOrder();
        var misuse = report.UseAfterRevocation.ShouldNotBeNull();
        misuse.RevokedAt.ShouldBe(revokedAt);
        misuse.Used.ShouldBeTrue();
        misuse.LastUsedAt.ShouldBe(revokedAt.AddSeconds(3));
        misuse.Ips.ShouldBe(["203.0.113.9"]);
        report.Verification.Intact.ShouldBeTrue();
        report.Verification.Entries.ShouldBe(3);
        report.Verification.Heads.ShouldHaveSingleItem().HeadHash.ShouldBe(report.Changes.Single(c => c.Position == 3).Hash);
    }

    [Fact]
    public async Task without_an_instant_the_report_is_of_now()
    {
        await AKeyChangedRevokedAndUsedAfterAsync();

        var report = await ReportAsync();

        report.Key!.Status.ShouldBe("revoked");
        report.At.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task a_key_never_revoked_has_no_use_after_revocation_to_report()
    {
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(_key, Account));

        var report = await ReportAsync();

        report.UseAfterRevocation.ShouldBeNull();
        report.Key!.Status.ShouldBe("active");
    }

    [Fact]
    public async Task an_entry_edited_in_the_store_shows_in_the_reports_verification()
    {
        await AKeyChangedRevokedAndUsedAfterAsync();
        await using (var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync()))
        {
            await connection.OpenAsync(Ct);
            await using var edit = new NpgsqlCommand("update audit.mt_events set data = replace(data::text, 'user:bob', 'user:mallory')::jsonb where stream_id = $1 and version = 2", connection)
            { Parameters = { new() { Value = _key } } };
            (await edit.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
        }

        var report = await ReportAsync();

        report.Verification.Intact.ShouldBeFalse();
        report.Verification.FirstBroken.ShouldNotBeNull().Position.ShouldBe(2);
        report.Verification.FirstBroken.Reason.ShouldBe("entry content does not match its hash");
        report.Changes.ShouldContain(c => c.Actor == "user:mallory");
    }

    [Fact]
    public async Task a_read_only_auditor_can_read_the_report()
    {
        await AKeyChangedRevokedAndUsedAfterAsync();
        var token = TestAccessTokens.ForUser(Guid.CreateVersion7(), Account, "audit:read");

        (await ReportAsync(asKey: token)).Changes.Count.ShouldBe(3);
    }

    [Fact]
    public async Task an_unknown_or_another_accounts_subject_is_not_found_and_a_malformed_request_is_400()
    {
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(_key, Account));
        var (_, stranger) = await Keys.CreateAccountAsync();

        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{_key}/report"), stranger)).Status.ShouldBe(404);
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{Guid.CreateVersion7()}/report"), Admin)).Status.ShouldBe(404);
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/subjects/not-an-id/report"), Admin)).Status.ShouldBe(400);
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{_key}/report?at=yesterday"), Admin)).Status.ShouldBe(400);
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{_key}/report"), null)).Status.ShouldBe(401);
    }

    [Fact]
    public async Task the_export_of_one_subject_holds_only_that_subjects_entries()
    {
        await AKeyChangedRevokedAndUsedAfterAsync();
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(Guid.CreateVersion7(), Account));

        var lines = (await Audit.SendAsync(s => s.Get.Url($"/api/audit/export?subject={_key}"), Admin)).Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Length.ShouldBe(3);
        lines.Select(l => Json.Read<Integrity.ExportedEntry>(l).SubjectId).Distinct().ShouldBe([_key]);
    }
}
