using System.Diagnostics;
using System.Net.Http.Headers;

namespace Platform.Bench;

/// <summary>
/// Token revoked → refused on every management API: a client_credentials token with keys:manage is accepted by Keys,
/// Agents and Audit, then revoked (RFC 7009); the delay runs from the revocation's answer until all three refuse it
/// (Keys, Agents and Audit hear it on Tokens' revocation feed, as a sign-out).
/// </summary>
public static class SignOut
{
    private static readonly string[] Routes = ["/api/keys", "/api/agents", "/api/audit/events"];

    public static async Task<double[]> MeasureAsync(HttpClient http, Requests requests, int samples)
    {
        var (clientId, secret) = await requests.RegisterClientAsync(http, ["keys:manage"]);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        var token = "";
        await TokensBench.WaitUntilAsync(async () => token = await TokensBench.TokenAsync(http, basic));
        var delays = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            token = await TokensBench.TokenAsync(http, basic);
            var accepted = Stopwatch.StartNew();
            foreach (var route in Routes)
                while (await StatusAsync(http, route, token) is var status && status != 200)
                {
                    if (accepted.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{route} answered {status} to a live token for 30 s");
                    await Task.Delay(5);
                }
            await TokensBench.PostAsync(http, "/oauth/revoke", [new("token", token)], basic);
            var clock = Stopwatch.StartNew();
            foreach (var route in Routes)
                while (await StatusAsync(http, route, token) != 401)
                    if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"{route} still took a revoked token after 10 s");
            delays.Add(clock.Elapsed.TotalMilliseconds);
        }
        return [.. delays];
    }

    private static async Task<int> StatusAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
