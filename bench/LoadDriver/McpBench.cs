using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Platform.Bench;

/// <summary>
/// The sample MCP server through the gateway, with the official MCP client and an agent credential
/// allowed `list_models` only: tool-call throughput (each call asks Agents about the tool, uncached),
/// then key revoked → the agent's next tool call refused.
/// </summary>
public static class McpBench
{
    private const string AgentId = "bench-mcp-agent";

    public static async Task RunAsync(HttpClient http, Requests requests, TimeSpan duration, int workers, int samples)
    {
        var (_, key) = await requests.IssueAsync(http);
        await using (var client = await ConnectAsync(http, await MintAsync(http, key)))
        {
            Task<Guid?> Call(HttpClient _) => CallAsync(client);
            await Load.ClosedLoopAsync(http, Call, workers, TimeSpan.FromSeconds(2)); // warm-up
            var baseline = await Load.ClosedLoopAsync(http, Requests.Alive, workers, duration);
            var calls = await Load.ClosedLoopAsync(http, Call, workers, duration);
            Report.Throughput("no-op (GET /keys-api/alive via gateway)", baseline, null);
            Report.Throughput("MCP tools/call list_models (agent credential)", calls, baseline);
        }

        var delays = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var (id, secret) = await requests.IssueAsync(http);
            await using var client = await ConnectAsync(http, await MintAsync(http, secret));
            while (!await AllowedAsync(client)) await Task.Delay(5);
            await requests.RevokeAsync(http, id);
            var clock = Stopwatch.StartNew();
            // Several refusals in a row, so every replica behind the gateway has been asked.
            for (var refused = 0; refused < 4;)
            {
                refused = await AllowedAsync(client) ? 0 : refused + 1;
                if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("an agent of a revoked key could still call a tool after 10 s");
            }
            delays.Add(clock.Elapsed.TotalMilliseconds);
        }
        Report.Latency("key revoked -> MCP tool call refused", [.. delays]);
    }

    private static async Task<McpClient> ConnectAsync(HttpClient http, string token)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
                {
                    Endpoint = new Uri(http.BaseAddress!, "/mcp"),
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}", ["X-Agent-ID"] = AgentId },
                }, http));
            }
            catch (HttpRequestException) when (attempt < 200)
            {
                await Task.Delay(5); // Agents' index hears of a new credential a few milliseconds after the mint
            }
        }
    }

    private static async Task<bool> AllowedAsync(McpClient client)
    {
        try
        {
            return (await client.CallToolAsync("list_models")).IsError != true;
        }
        catch (Exception e) when (e is McpException or HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<Guid?> CallAsync(McpClient client) =>
        await AllowedAsync(client) ? null : throw new HttpRequestException("tool call refused");

    private static async Task<string> MintAsync(HttpClient http, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents") { Content = JsonContent.Create(new { agentId = AgentId, tools = new[] { "list_models" } }) };
            request.Headers.Authorization = new("Bearer", key);
            using var response = await http.SendAsync(request);
            // A key just issued may not be in every Keys replica's index yet.
            if (!response.IsSuccessStatusCode && attempt < 200) { await Task.Delay(5); continue; }
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }
    }
}
