using System.Net;
using System.Net.Sockets;
using Platform.EmbeddedPostgres;

namespace Platform.AppHost.Tests;

/// <summary>The ports handed to services and PostgreSQL before they bind them.</summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void ports_handed_out_lie_below_the_ephemeral_range_are_bindable_and_never_handed_out_twice()
    {
        var ephemeralFrom = File.Exists("/proc/sys/net/ipv4/ip_local_port_range")
            ? int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0])
            : 32_768;

        var ports = Enumerable.Range(0, 40).Select(_ => LoopbackPorts.Free()).ToList();

        ports.Distinct().Count().ShouldBe(ports.Count);
        ports.ShouldAllBe(port => port >= 20_000 && port < ephemeralFrom);
        ports.ShouldAllBe(port => LoopbackPorts.IsFree(port));
    }

    [Fact]
    public void a_handed_out_port_stays_reserved_against_every_other_taker()
    {
        var port = LoopbackPorts.Free();

        // Another open of the port's lock file (as another process would make) is refused by the OS lock.
        LoopbackPorts.TryReserve(port).ShouldBeFalse();
    }

    [Fact]
    public void a_port_someone_is_listening_on_is_not_free()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();

        LoopbackPorts.IsFree(((IPEndPoint)holder.LocalEndpoint).Port).ShouldBeFalse();
    }
}
