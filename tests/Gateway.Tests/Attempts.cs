using System.Collections.Concurrent;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Tests;

/// <summary>
/// Every request the gateway sends to a replica, probes aside, counted as it leaves: a port that
/// refuses the connection never sees it, so the replica cannot count it itself.
/// </summary>
public sealed class Attempts : ForwarderHttpClientFactory
{
    private readonly ConcurrentQueue<(string Address, DateTime At)> _sent = new();

    public int To(Replica replica) => _sent.Count(a => a.Address == replica.Address);

    public DateTime? FirstTo(Replica replica) => _sent.Where(a => a.Address == replica.Address).Select(a => (DateTime?)a.At).FirstOrDefault();

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new Counting(this, handler);

    private sealed class Counting(Attempts attempts, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.RequestUri!.AbsolutePath != "/health")
                attempts._sent.Enqueue((request.RequestUri.GetLeftPart(UriPartial.Authority), DateTime.UtcNow));
            return base.SendAsync(request, ct);
        }
    }
}
