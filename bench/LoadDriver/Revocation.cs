using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// Revoke → refused: issue a key, wait until verify accepts it, revoke it, then poll verify until it
/// answers 401; the delay is measured from the revoke's response. With --replicas N on the AppHost the
/// gateway spreads the polls over every replica, so the slowest replica bounds each sample.
/// </summary>
public static class Revocation
{
    public static async Task<double[]> MeasureAsync(HttpClient http, Requests requests, int samples)
    {
        var delays = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var (id, secret) = await requests.IssueAsync(http);
            while (await Requests.VerifyAsync(http, secret) != 200) await Task.Delay(5);
            await requests.RevokeAsync(http, id);
            var clock = Stopwatch.StartNew();
            var consecutive = 0;
            // Several refusals in a row, so every replica behind the gateway has been asked.
            while (consecutive < 4)
            {
                consecutive = await Requests.VerifyAsync(http, secret) == 401 ? consecutive + 1 : 0;
                if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("a revoked key was still accepted after 10 s");
            }
            delays.Add(clock.Elapsed.TotalMilliseconds);
        }
        return [.. delays];
    }
}
