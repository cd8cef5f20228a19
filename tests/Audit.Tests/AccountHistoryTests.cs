using Alba;
using Platform.Contracts;
using Platform.Contracts.Accounts;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

/// <summary>Keys' account lifecycle is an audited subject like a key: history, chain, completeness, export, as-of.</summary>
public class AccountHistoryTests(AuditFixture fixture) : AuditContext(fixture)
{
    private AccountOpened Opened() => new(Guid.CreateVersion7(), Account, "team", Operator: false, "operator", DateTimeOffset.UtcNow.AddMinutes(-2)) { SourceVersion = 1 };

    private AccountSuspended Suspended() => new(Guid.CreateVersion7(), Account, "unpaid", "key:operator", DateTimeOffset.UtcNow.AddMinutes(-1)) { SourceVersion = 2 };

    [Fact]
    public async Task an_accounts_events_are_recorded_under_the_subject_account_as_keys_produced_them()
    {
        var reinstated = new AccountReinstated(Guid.CreateVersion7(), Account, "key:operator", DateTimeOffset.UtcNow) { SourceVersion = 3 };
        foreach (var e in new IAccountEvent[] { Opened(), Suspended(), reinstated }) await Audit.InvokeMessageAndWaitAsync(e);

        var entries = await Audit.EventsForAsync(Admin, Account);

        entries.Select(e => e.EventType).ShouldBe([nameof(AccountOpened), nameof(AccountSuspended), nameof(AccountReinstated)]);
        entries.ShouldAllBe(e => e.SubjectType == AuditSubjects.Account && e.AccountId == Account && e.Source == "keys-api");
        entries.Select(e => e.SourceVersion).ShouldBe([1L, 2L, 3L]);
        (await Audit.VerifyAsync(Admin, $"?subject={Account}")).Intact.ShouldBeTrue();
        var export = (await Audit.SendAsync(s => s.Get.Url($"/api/audit/export?subject={Account}"), Admin)).Body;
        export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
        var before = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-30).ToString("O"));
        var (status, body) = await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{Account}/as-of?at={before}"), Admin);
        status.ShouldBe(200, body);
        Json.Read<Replay.SubjectAsOf>(body).Changes.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_missing_event_of_an_accounts_stream_is_named_by_verify()
    {
        await Audit.InvokeMessageAndWaitAsync(Opened());
        await Audit.InvokeMessageAndWaitAsync(new AccountReinstated(Guid.CreateVersion7(), Account, "key:operator", DateTimeOffset.UtcNow) { SourceVersion = 3 });

        var verified = await Audit.VerifyAsync(Admin, $"?subject={Account}");

        verified.Intact.ShouldBeFalse();
        verified.FirstBroken!.Reason.ShouldBe("source version 2 of this account is missing");
    }
}
