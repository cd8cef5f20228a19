using System.Collections.Concurrent;
using Alba;

namespace Platform.Sdk.Client.Tests;

/// <summary>
/// The SDK's primary handler in the tests: sends each request to the in-process host that serves its
/// path, as the gateway would, and counts requests by path so tests can tell how often a token was fetched.
/// </summary>
public sealed class PlatformRouter(IReadOnlyList<(string Prefix, IAlbaHost Host)> routes) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly IReadOnlyList<(string Prefix, HttpMessageInvoker Invoker)> _routes =
        [.. routes.Select(r => (r.Prefix, new HttpMessageInvoker(r.Host.Server.CreateHandler())))];

    /// <summary>Held before forwarding, to widen the window in which concurrent callers could race.</summary>
    public TimeSpan Delay { get; set; }

    public int Calls(string path) => _calls.GetValueOrDefault(path);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        _calls.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        foreach (var (prefix, invoker) in _routes)
        {
            if (path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal))
                return await invoker.SendAsync(request, cancellationToken);
        }
        return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { RequestMessage = request };
    }
}
