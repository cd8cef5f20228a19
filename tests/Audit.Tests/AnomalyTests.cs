using Alba;
using Platform.Audit.Usage;
using Platform.Contracts.Audit;
using Platform.Contracts.Keys;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

public class AnomalyTests(AuditFixture fixture) : AuditContext(fixture)
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-30);

    private KeyUsageReported Report(Guid key, int minute, long count, params string[] ips) =>
        new(Guid.CreateVersion7(), key, Account, "replica-a", Start.AddMinutes(minute), count, Start.AddMinutes(minute).AddSeconds(30),
            ips.Length == 0 ? ["203.0.113.10"] : ips, "system", DateTimeOffset.UtcNow);

    /// <summary>Sends a report and returns the anomalies it raised.</summary>
    private async Task<IReadOnlyList<UnusualUsageDetected>> SendAsync(KeyUsageReported report)
    {
        var session = await Audit.InvokeMessageAndWaitAsync(report);
        return [.. session.Sent.MessagesOf<UnusualUsageDetected>()];
    }

    private async Task SteadyAsync(Guid key, int minutes, long perMinute = 10)
    {
        for (var m = 0; m < minutes; m++) (await SendAsync(Report(key, m, perMinute))).ShouldBeEmpty();
    }

    [Fact]
    public async Task steady_traffic_from_known_addresses_raises_nothing()
    {
        var key = Guid.CreateVersion7();
        await SteadyAsync(key, 5);

        (await SendAsync(Report(key, 5, 14, "203.0.113.77"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_volume_spike_beyond_the_factor_raises_one_anomaly_with_its_evidence()
    {
        var key = Guid.CreateVersion7();
        await SteadyAsync(key, 5);

        var detected = (await SendAsync(Report(key, 5, 120))).ShouldHaveSingleItem();
        // The same minute growing further is the same spike, not a new one.
        (await SendAsync(Report(key, 5, 180))).ShouldBeEmpty();

        detected.Kind.ShouldBe(UnusualUsageDetected.VolumeSpike);
        detected.KeyId.ShouldBe(key);
        detected.Count.ShouldBe(120);
        detected.Baseline.ShouldBe(10);
        detected.Minute.ShouldBe(Start.AddMinutes(5));
    }

    [Fact]
    public async Task a_request_from_a_range_the_key_never_used_raises_an_anomaly_but_its_first_use_does_not()
    {
        var key = Guid.CreateVersion7();
        (await SendAsync(Report(key, 0, 5, "203.0.113.10", "2001:db8:1::5"))).ShouldBeEmpty();

        (await SendAsync(Report(key, 1, 5, "203.0.113.200", "2001:db8:1:ffff::9"))).ShouldBeEmpty();
        var detected = (await SendAsync(Report(key, 2, 5, "198.51.100.7", "2001:db8:2::1"))).ShouldHaveSingleItem();

        detected.Kind.ShouldBe(UnusualUsageDetected.NewIpRange);
        detected.NewRanges.ShouldBe(["198.51.100.0/24", "2001:db8:2::/48"]);
        detected.Ips.ShouldContain("198.51.100.7");
    }

    [Fact]
    public async Task a_redelivered_or_stale_report_is_not_counted_twice()
    {
        var key = Guid.CreateVersion7();
        await SteadyAsync(key, 5);
        var report = Report(key, 5, 40);
        (await SendAsync(report)).ShouldBeEmpty();

        (await SendAsync(report)).ShouldBeEmpty();
        (await SendAsync(Report(key, 5, 30))).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_anomaly_is_recorded_in_the_keys_audit_chain()
    {
        var key = Guid.CreateVersion7();
        await SteadyAsync(key, 5);
        await SendAsync(Report(key, 5, 500));

        var entry = (await Audit.WaitForEventsAsync(Admin, key)).ShouldHaveSingleItem();

        entry.EventType.ShouldBe(nameof(UnusualUsageDetected));
        entry.Source.ShouldBe("audit-api");
        entry.Data.GetProperty("count").GetInt64().ShouldBe(500);
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::/48")]
    [InlineData("not an ip", null)]
    public void an_address_belongs_to_its_24_or_48(string ip, string? range) => AnomalyRules.RangeOf(ip).ShouldBe(range);

    [Fact]
    public async Task with_auto_quarantine_on_a_spiking_key_is_suspended_in_keys_and_can_be_reinstated()
    {
        await Audit.Scenario(s =>
        {
            s.As(Admin).Put.Json(new SetQuarantine(true)).ToUrl("/api/audit/quarantine");
            s.StatusCodeShouldBe(200);
        });
        var key = await Keys.IssueKeyAsync(Admin);
        for (var m = 0; m < 5; m++) await SendAsync(Report(key.Id, m, 10));

        await SendAsync(Report(key.Id, 5, 1000));

        var status = await WaitForKeyStatusAsync(key.Id, "suspended");
        status.ShouldBe("suspended");
        (await Keys.SendAsync(s => s.Post.Url($"/api/keys/{key.Id}/reinstate"), Admin)).Status.ShouldBe(200);
        (await WaitForKeyStatusAsync(key.Id, "active")).ShouldBe("active");
    }

    private async Task<string?> WaitForKeyStatusAsync(Guid key, string wanted)
    {
        string? status = null;
        for (var attempt = 0; attempt < 300 && status != wanted; attempt++)
        {
            var (_, body) = await Keys.SendAsync(s => s.Get.Url($"/api/keys/{key}"), Admin);
            status = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
            if (status != wanted) await Task.Delay(100, Ct);
        }
        return status;
    }
}
