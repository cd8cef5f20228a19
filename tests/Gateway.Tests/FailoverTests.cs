using System.Net;

namespace Platform.Gateway.Tests;

/// <summary>A replica dies under load: it leaves the rotation at once, and no safe request is lost.</summary>
public class FailoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_killed_replica_costs_no_verify_and_no_read_and_is_left_alone_after_its_first_failures()
    {
        await using var live = await Replica.StartAsync("live");
        await using var killed = await Replica.StartAsync("killed");
        await using var gateway = await GatewayHost.StartAsync([live, killed]);
        await killed.StopAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var seen = new List<HttpStatusCode>();
            for (var i = 0; i < 25; i++)
            {
                seen.Add((await gateway.Client.VerifyAsync($"{{\"key\":\"sk_{worker}_{i}\"}}")).StatusCode);
                seen.Add((await gateway.Client.ReadKeyAsync($"key_{worker}_{i}")).StatusCode);
            }
            return seen;
        }));

        statuses.SelectMany(s => s).Count(s => s != HttpStatusCode.OK).ShouldBe(0);
        live.Requests.Count.ShouldBe(400);
        // Without passive health about half of the 400 would try it first; only those already in flight when the
        // first one failed, or started before its mark took effect, may still do so: 8 workers, up to 23 seen on a
        // starved 2-core machine, so at most a tenth of the 400.
        gateway.Attempts.To(killed).ShouldBeInRange(1, 40);
    }

    [Fact]
    public async Task a_replica_that_comes_back_gets_traffic_again_after_the_reactivation_period()
    {
        var reactivation = TimeSpan.FromSeconds(2);
        await using var live = await Replica.StartAsync("live");
        await using var restarted = await Replica.StartAsync("restarted");
        await using var gateway = await GatewayHost.StartAsync([live, restarted], reactivation);
        await restarted.StopAsync();
        await ReadUntilAsync(gateway, () => gateway.Attempts.To(restarted) > 0, TimeSpan.FromSeconds(5));
        var failedAt = gateway.Attempts.FirstTo(restarted)!.Value;

        await restarted.StartAsync();
        await ReadUntilAsync(gateway, () => !restarted.Requests.IsEmpty, TimeSpan.FromSeconds(10));

        var back = restarted.Requests.First().At - failedAt;
        TestContext.Current.SendDiagnosticMessage($"back in rotation {back.TotalMilliseconds:0} ms after its failure");
        back.ShouldBeGreaterThan(reactivation * 0.9);
        back.ShouldBeLessThan(reactivation + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task a_replica_that_is_not_ready_gets_no_traffic_until_a_probe_finds_it_ready()
    {
        await using var first = await Replica.StartAsync("first");
        await using var second = await Replica.StartAsync("second");
        await using var gateway = await GatewayHost.StartAsync([first, second], probeInterval: TimeSpan.FromMilliseconds(200));

        second.Ready = false;
        await WaitForProbesAsync(second);
        for (var i = 0; i < 50; i++) (await gateway.Client.ReadKeyAsync($"key_{i}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Requests.ShouldBeEmpty();

        second.Ready = true;
        await WaitForProbesAsync(second);
        for (var i = 0; i < 50; i++) (await gateway.Client.ReadKeyAsync($"key_{i}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Requests.ShouldNotBeEmpty();
    }

    /// <summary>Keeps reading through the gateway, every read answered, until <paramref name="done"/>.</summary>
    private static async Task ReadUntilAsync(GatewayHost gateway, Func<bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {within.TotalSeconds} s");
            (await gateway.Client.ReadKeyAsync("key")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await Task.Delay(20, Ct);
        }
    }

    /// <summary>Two probes after the change: the second one's verdict has certainly been applied.</summary>
    private static Task WaitForProbesAsync(Replica replica)
    {
        var seen = replica.Probes;
        return GatewayHost.WaitUntilAsync(() => replica.Probes >= seen + 2, TimeSpan.FromSeconds(5));
    }
}
