using Microsoft.Extensions.Configuration;
using Platform.Hosting.Orchestration;
using Shouldly;

namespace Hosting.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void a_bare_fresh_flag_reads_as_true_and_valued_options_keep_their_values()
    {
        var configuration = TestAppHost.CreateBuilder("--fresh", "--replicas", "2", "--ConnectionStrings:platform=Host=x").Configuration;

        configuration.GetValue("fresh", false).ShouldBeTrue();
        configuration.GetValue("replicas", 1).ShouldBe(2);
        configuration.GetConnectionString("platform").ShouldBe("Host=x");
    }

    [Fact]
    public void restart_delay_doubles_up_to_thirty_seconds_and_starts_over_after_a_reset()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds).ToList();
        backoff.Reset();

        delays.ShouldBe([1, 2, 4, 8, 16, 30, 30]);
        backoff.Next().ShouldBe(TimeSpan.FromSeconds(1));
    }
}
