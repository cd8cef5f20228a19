using System.Diagnostics;
using System.Net.Http.Json;

namespace Platform.Bench;

/// <summary>
/// The sample API through the gateway: `GET /v1/models` with a live key against the same handler
/// without authentication (AppHost started with --SampleApi:BenchRoutes=true); then key revoked →
/// refused by the sample API (Keys' feed evicts the cached acceptance).
/// </summary>
public static class SampleApiBench
{
    public static async Task RunAsync(HttpClient http, Requests requests, TimeSpan duration, int workers, int samples)
    {
        var (_, key) = await requests.IssueAsync(http);
        while (await Requests.VerifyAsync(http, key) != 200) await Task.Delay(5);
        Task<Guid?> Open(HttpClient h) => GetAsync(h, "/v1/models/unauthenticated", null);
        Task<Guid?> Authenticated(HttpClient h) => GetAsync(h, "/v1/models", key);

        await Load.ClosedLoopAsync(http, Open, workers, TimeSpan.FromSeconds(2)); // warm-up
        await Load.ClosedLoopAsync(http, Authenticated, workers, TimeSpan.FromSeconds(2));
        var off = await Load.ClosedLoopAsync(http, Open, workers, duration);
        var on = await Load.ClosedLoopAsync(http, Authenticated, workers, duration);
        Report.Throughput("sample API, authentication off", off, null);
        Report.Throughput("sample API, API key (cached, feed on)", on, off);

        var delays = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var (id, secret) = await requests.IssueAsync(http);
            while (await Requests.VerifyAsync(http, secret) != 200) await Task.Delay(5);
            while (await StatusAsync(http, secret) != 200) await Task.Delay(5);
            await requests.RevokeAsync(http, id);
            var clock = Stopwatch.StartNew();
            for (var refused = 0; refused < 4;)
            {
                refused = await StatusAsync(http, secret) == 401 ? refused + 1 : 0;
                if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("the sample API still accepted a revoked key after 10 s");
            }
            delays.Add(clock.Elapsed.TotalMilliseconds);
        }
        Report.Latency("key revoked -> refused by the sample API", [.. delays]);
    }

    private static async Task<int> StatusAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new("Bearer", key);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<Guid?> GetAsync(HttpClient http, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? null : throw new HttpRequestException($"{path}: {(int)response.StatusCode}");
    }
}
