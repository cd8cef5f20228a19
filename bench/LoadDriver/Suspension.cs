using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// Account suspended → every credential of it refused at the sample API (a resource server following the feeds): an
/// operator opens an account, its admin issues a key, registers a client (its client_credentials token) and mints an
/// agent credential from the key; all three are accepted (and cached) first; the delay runs from the suspension's
/// answer until the resource server refuses all three.
/// </summary>
public static class Suspension
{
    private const string AgentId = "bench-suspension";

    public static readonly string[] Kinds = ["API key", "access token", "agent credential"];

    /// <summary>For each sample, when each kind (<see cref="Kinds"/>) was first refused and when all of them were.</summary>
    public static async Task<(double[] All, double[][] PerKind)> MeasureAsync(HttpClient http, string operatorKey, int samples)
    {
        var delays = new List<double>();
        var perKind = Kinds.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < samples; i++)
        {
            var (accountId, admin) = await OpenAsync(http, operatorKey);
            var team = new Requests(admin);
            var (_, key) = await team.IssueAsync(http);
            var (clientId, secret) = await team.RegisterClientAsync(http, ["models:read"]);
            var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
            var token = "";
            await TokensBench.WaitUntilAsync(async () => token = await TokensBench.TokenAsync(http, basic));
            var agent = await MintAsync(http, key);
            (string Bearer, string? Agent)[] credentials = [(key, null), (token, null), (agent, AgentId)];

            var accepted = Stopwatch.StartNew();
            foreach (var (bearer, agentId) in credentials)
                while (await ModelsAsync(http, bearer, agentId) is var status && status != 200)
                {
                    if (accepted.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"the sample API answered {status} to a live credential for 30 s");
                    await Task.Delay(5);
                }

            await SendAsync(http, HttpMethod.Post, $"/api/accounts/{accountId}/suspend", operatorKey, new { reason = "bench" });
            var clock = Stopwatch.StartNew();
            // The three are polled side by side, so each kind's figure is its own.
            var refused = await Task.WhenAll(credentials.Select(async (credential, k) =>
            {
                while (await ModelsAsync(http, credential.Bearer, credential.Agent) != 401)
                    if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"the sample API still took a suspended account's {Kinds[k]} after 10 s");
                return clock.Elapsed.TotalMilliseconds;
            }));
            for (var k = 0; k < refused.Length; k++) perKind[k].Add(refused[k]);
            delays.Add(refused.Max());
        }
        return ([.. delays], [.. perKind.Select(d => d.ToArray())]);
    }

    private static async Task<(string AccountId, string Admin)> OpenAsync(HttpClient http, string operatorKey)
    {
        var opened = await SendAsync(http, HttpMethod.Post, "/api/accounts", operatorKey, new { name = $"bench-{Guid.NewGuid():N}" });
        return (opened.GetProperty("account").GetProperty("id").GetString()!, opened.GetProperty("adminKey").GetProperty("secret").GetString()!);
    }

    private static async Task<string> MintAsync(HttpClient http, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents")
            {
                Content = JsonContent.Create(new { agentId = AgentId, scopes = new[] { "models:read" } }),
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
            };
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            if (attempt > 100) throw new HttpRequestException($"minting answered {(int)response.StatusCode}");
            await Task.Delay(50);
        }
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string bearer, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body), Headers = { Authorization = new AuthenticationHeaderValue("Bearer", bearer) } };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<int> ModelsAsync(HttpClient http, string bearer, string? agentId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", bearer) } };
        if (agentId is not null) request.Headers.Add("X-Agent-ID", agentId);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
