using Platform.Contracts.Keys;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

/// <summary>Verify proves the log holds each event of a key's stream once, not only that the chain is unbroken.</summary>
public class CompletenessTests(AuditFixture fixture) : AuditContext(fixture)
{
    private IKeyEvent Version(Guid key, long version) => version == 1
        ? Scenarios.AKeyIssued(key, Account) with { SourceVersion = 1 }
        : new KeyRenamed(Guid.CreateVersion7(), key, Account, $"name-{version}", "tester", DateTimeOffset.UtcNow) { SourceVersion = version };

    [Fact]
    public async Task a_key_whose_history_misses_a_version_does_not_verify_and_the_gap_is_named()
    {
        var key = Guid.CreateVersion7();
        var events = new long[] { 1, 2, 3, 5, 6 }.Select(v => Version(key, v)).ToList();
        foreach (var e in events) await Audit.InvokeMessageAndWaitAsync(e);

        var verification = await Audit.VerifyAsync(Admin);

        verification.Intact.ShouldBeFalse();
        verification.FirstBroken.ShouldBe(new Integrity.BrokenLink(key, 4, events[3].EventId, "source version 4 of this key is missing"));
        verification.Heads.ShouldHaveSingleItem().Length.ShouldBe(5);
    }

    [Fact]
    public async Task a_late_version_closes_the_gap()
    {
        var key = Guid.CreateVersion7();
        foreach (var v in new long[] { 1, 3, 2 }) await Audit.InvokeMessageAndWaitAsync(Version(key, v));

        (await Audit.VerifyAsync(Admin)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task a_source_version_recorded_twice_does_not_verify()
    {
        var key = Guid.CreateVersion7();
        var events = new long[] { 1, 2, 2 }.Select(v => Version(key, v)).ToList();
        foreach (var e in events) await Audit.InvokeMessageAndWaitAsync(e);

        var verification = await Audit.VerifyAsync(Admin, $"?subject={key}");

        verification.Intact.ShouldBeFalse();
        verification.FirstBroken.ShouldBe(new Integrity.BrokenLink(key, 3, events[2].EventId, "source version 2 of this key is recorded twice (first at position 2)"));
    }
}
