using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Tests;

/// <summary>The gateway in-process, with keys-api served by the given replicas (one destination each).</summary>
public sealed class GatewayHost(IAlbaHost host, Attempts attempts) : IAsyncDisposable
{
    public Attempts Attempts => attempts;

    public HttpClient Client { get; } = host.Server.CreateClient();

    public IServiceProvider Services => host.Services;

    /// <summary>Probes are slow by default here, so that what a test sees comes from requests, not probes.</summary>
    public static async Task<GatewayHost> StartAsync(Replica[] replicas, TimeSpan? reactivation = null, TimeSpan? probeInterval = null)
    {
        var attempts = new Attempts();
        var host = await AlbaHost.For<GatewayApi>(web =>
        {
            for (var i = 0; i < replicas.Length; i++) web.UseSetting($"services:keys-api:http:{i}", replicas[i].Address);
            web.UseSetting("Gateway:Failover:ReactivationPeriod", (reactivation ?? TimeSpan.FromSeconds(30)).ToString());
            web.UseSetting("Gateway:Failover:ProbeInterval", (probeInterval ?? TimeSpan.FromMinutes(10)).ToString());
            web.ConfigureTestServices(services => services.AddSingleton<IForwarderHttpClientFactory>(attempts));
        });
        // The first probe round runs at start; let it finish so it cannot be what marks a replica down.
        await WaitUntilAsync(() => replicas.All(r => r.Probes > 0 || !r.Listening), TimeSpan.FromSeconds(10));
        return new GatewayHost(host, attempts);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {within.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await host.DisposeAsync();
    }
}
