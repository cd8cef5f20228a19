using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// Revocation across replicas (run the AppHost with --replicas 2): for each credential kind, make it,
/// get it accepted (and so cached) by the sample API through the gateway, revoke, and time from the
/// revocation's acknowledgement until the sample API refuses it four times in a row (the gateway
/// spreads those over the replicas). A stale acceptance cached after the eviction would show here as a
/// delay of the package's CacheTtl (30 s), so the limit per sample is 60 s, not the bound.
/// </summary>
public static class RevocationBench
{
    private const string AgentId = "bench-revocation-agent";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(HttpClient http, Requests requests, int samples)
    {
        var (clientId, clientSecret) = await requests.RegisterClientAsync(http);
        var (key, agent, exchanged, issued) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < samples; i++)
        {
            var (id, secret) = await requests.IssueAsync(http);
            await UntilAsync(() => StatusAsync(http, "/v1/models", secret), 200);
            key.Add(await RevokedAfterAsync(() => requests.RevokeAsync(http, id), () => StatusAsync(http, "/v1/models", secret)));

            (id, secret) = await requests.IssueAsync(http);
            var token = await MintAsync(http, secret);
            await UntilAsync(() => StatusAsync(http, "/v1/models", token, AgentId), 200);
            agent.Add(await RevokedAfterAsync(() => requests.RevokeAsync(http, id), () => StatusAsync(http, "/v1/models", token, AgentId)));

            (id, secret) = await requests.IssueAsync(http);
            var jwt = await ExchangeAsync(http, secret);
            await UntilAsync(() => StatusAsync(http, "/v1/models", jwt), 200);
            exchanged.Add(await RevokedAfterAsync(() => requests.RevokeAsync(http, id), () => StatusAsync(http, "/v1/models", jwt)));

            var access = await ClientCredentialsAsync(http, clientId, clientSecret);
            await UntilAsync(() => StatusAsync(http, "/api/plans/v1/plans", access), 200);
            issued.Add(await RevokedAfterAsync(() => RevokeTokenAsync(http, clientId, clientSecret, access), () => StatusAsync(http, "/api/plans/v1/plans", access)));
        }
        Report.Latency("API key revoked -> refused by the sample API", [.. key]);
        Report.Latency("key revoked -> its agent credential refused", [.. agent]);
        Report.Latency("key revoked -> its exchanged token refused", [.. exchanged]);
        Report.Latency("access token revoked (RFC 7009) -> refused", [.. issued]);
    }

    /// <summary>
    /// When refusals began for good: the answer to the first request of the run of refusals that lasted
    /// (four in a row, spread over the replicas). An upper bound: the credential stopped working at the
    /// latest when that answer came, so the figure counts at most one round trip too many, not four.
    /// </summary>
    private static async Task<double> RevokedAfterAsync(Func<Task> revoke, Func<Task<int>> status)
    {
        await revoke();
        var clock = Stopwatch.StartNew();
        var since = TimeSpan.Zero;
        for (var refused = 0; refused < 4;)
        {
            if (await status() == 401)
            {
                if (refused++ == 0) since = clock.Elapsed;
            }
            else refused = 0;
            if (clock.Elapsed > Limit) throw new TimeoutException($"a revoked credential was still accepted after {Limit.TotalSeconds} s");
        }
        return since.TotalMilliseconds;
    }

    private static async Task UntilAsync(Func<Task<int>> status, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (await status() != expected)
        {
            if (clock.Elapsed > Limit) throw new TimeoutException($"never answered {expected}");
            await Task.Delay(5);
        }
    }

    private static async Task<int> StatusAsync(HttpClient http, string path, string bearer, string? agentId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", bearer);
        if (agentId is not null) request.Headers.Add("X-Agent-ID", agentId);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<string> MintAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents") { Content = JsonContent.Create(new { agentId = AgentId, scopes = new[] { "models:read" } }) };
        request.Headers.Authorization = new("Bearer", key);
        return await ReadAsync(http, request, "token");
    }

    private static Task<string> ExchangeAsync(HttpClient http, string key) =>
        ReadAsync(http, new HttpRequestMessage(HttpMethod.Post, "/api/auth/v1/token") { Content = JsonContent.Create(new { apiKey = key }) }, "accessToken");

    private static Task<string> ClientCredentialsAsync(HttpClient http, string id, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "plans:read")]),
        };
        request.Headers.Authorization = Basic(id, secret);
        return ReadAsync(http, request, "access_token");
    }

    private static async Task RevokeTokenAsync(HttpClient http, string id, string secret, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/revoke") { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Authorization = Basic(id, secret);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    private static async Task<string> ReadAsync(HttpClient http, HttpRequestMessage request, string property)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(property).GetString()!;
        }
    }
}
