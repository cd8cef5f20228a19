using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// Agent credentials through the gateway: verify throughput against the no-op, and key revoked → agent
/// credential refused (the cascade: Keys' outbox → the agents queue → Agents → NOTIFY to every replica).
/// </summary>
public static class AgentsBench
{
    private const string AgentId = "bench-agent";

    public static async Task RunAsync(HttpClient http, Requests requests, TimeSpan duration, int workers, int samples)
    {
        var (_, key) = await requests.IssueAsync(http);
        while (await Requests.VerifyAsync(http, key) != 200) await Task.Delay(5);
        var token = await MintAsync(http, key);
        while (await VerifyAsync(http, token) != 200) await Task.Delay(5);

        await Load.ClosedLoopAsync(http, Requests.Alive, workers, TimeSpan.FromSeconds(2)); // warm-up
        await Load.ClosedLoopAsync(http, h => Ok(h, token), workers, TimeSpan.FromSeconds(2));
        var baseline = await Load.ClosedLoopAsync(http, Requests.Alive, workers, duration);
        var verify = await Load.ClosedLoopAsync(http, h => Ok(h, token), workers, duration);
        Report.Throughput("no-op (GET /keys-api/alive via gateway)", baseline, null);
        Report.Throughput("verify agent credential (via gateway)", verify, baseline);

        var delays = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var (id, secret) = await requests.IssueAsync(http);
            while (await Requests.VerifyAsync(http, secret) != 200) await Task.Delay(5);
            var credential = await MintAsync(http, secret);
            while (await VerifyAsync(http, credential) != 200) await Task.Delay(5);
            await requests.RevokeAsync(http, id);
            var clock = Stopwatch.StartNew();
            // Several refusals in a row, so every replica behind the gateway has been asked.
            for (var refused = 0; refused < 4;)
            {
                refused = await VerifyAsync(http, credential) == 401 ? refused + 1 : 0;
                if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("an agent credential of a revoked key still verified after 10 s");
            }
            delays.Add(clock.Elapsed.TotalMilliseconds);
        }
        Report.Latency("key revoked -> agent credential refused", [.. delays]);
    }

    internal static async Task<string> MintAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents") { Content = JsonContent.Create(new { agentId = AgentId }) };
        request.Headers.Authorization = new("Bearer", key);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    internal static async Task<int> VerifyAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents/verify") { Content = JsonContent.Create(new { token, scopes = new[] { "models:read" } }) };
        request.Headers.Add("X-Agent-ID", AgentId);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    internal static async Task<Guid?> Ok(HttpClient http, string token) =>
        await VerifyAsync(http, token) == 200 ? null : throw new HttpRequestException("refused");
}
