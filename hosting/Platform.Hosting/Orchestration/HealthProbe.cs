using System.Net;

namespace Platform.Hosting.Orchestration;

/// <summary>Polls <c>GET /health</c> until it answers 200, the process exits, or we stop.</summary>
internal static class HealthProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    // Short-lived connections: a restarted replica listens on the same port, so a pooled one would be stale.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2), UseProxy = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>True once healthy; false if the process exited first. Each failed try is reported as the last problem.</summary>
    public static async Task<bool> WaitAsync(Uri endpoint, Task exited, Action<string> problem, CancellationToken ct)
    {
        var health = new Uri(endpoint, "/health");
        while (!exited.IsCompleted)
        {
            ct.ThrowIfCancellationRequested();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(RequestTimeout);
            try
            {
                using var response = await Client.GetAsync(health, attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK) return true;
                problem($"GET /health answered {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                problem($"GET /health: {e.Message}");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                problem($"GET /health did not answer within {RequestTimeout.TotalSeconds:0} s");
            }
            await Task.WhenAny(exited, Task.Delay(Interval, ct));
        }
        return false;
    }
}
