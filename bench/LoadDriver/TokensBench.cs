using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// client_credentials throughput of Tokens against OpenIddict doing the same grant, and introspection
/// against a no-op endpoint, each server hit directly (no gateway), one after the other.
/// </summary>
public static class TokensBench
{
    public const string OpenIddictClient = "bench";
    public const string OpenIddictSecret = "bench-secret-0123456789";

    public static async Task RunAsync(Uri gateway, Uri tokensApi, Uri openIddict, Requests requests, TimeSpan duration, int workers)
    {
        var handler = () => new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 };
        using var admin = new HttpClient(handler()) { BaseAddress = gateway };
        using var ours = new HttpClient(handler()) { BaseAddress = tokensApi };
        using var theirs = new HttpClient(handler()) { BaseAddress = openIddict };
        var (id, secret) = await requests.RegisterClientAsync(admin);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

        Task<Guid?> OurToken(HttpClient http) => PostAsync(http, "/oauth/token", [new("grant_type", "client_credentials"), new("scope", "insights:read")], basic);
        Task<Guid?> TheirToken(HttpClient http) => PostAsync(http, "/connect/token",
            [new("grant_type", "client_credentials"), new("scope", "insights:read"), new("client_id", OpenIddictClient), new("client_secret", OpenIddictSecret)], null);
        static async Task<Guid?> Alive(HttpClient http)
        {
            using var response = await http.GetAsync("/alive");
            response.EnsureSuccessStatusCode();
            return null;
        }

        await WaitUntilAsync(() => OurToken(ours)); // the new client reaches the index within milliseconds
        foreach (var (http, call) in new[] { (ours, (Func<HttpClient, Task<Guid?>>)OurToken), (theirs, TheirToken), (ours, Alive), (theirs, Alive) })
            await Load.ClosedLoopAsync(http, call, workers, TimeSpan.FromSeconds(2)); // warm-up: JIT, connections

        var ourAlive = await Load.ClosedLoopAsync(ours, Alive, workers, duration);
        var ourTokens = await Load.ClosedLoopAsync(ours, OurToken, workers, duration);
        var theirAlive = await Load.ClosedLoopAsync(theirs, Alive, workers, duration);
        var theirTokens = await Load.ClosedLoopAsync(theirs, TheirToken, workers, duration);
        var token = await TokenAsync(ours, basic);
        var introspect = await Load.ClosedLoopAsync(ours, h => PostAsync(h, "/oauth/introspect", [new("token", token)], basic), workers, duration);

        Report.Throughput("no-op (GET /alive on tokens-api)", ourAlive, null);
        Report.Throughput("client_credentials (tokens-api)", ourTokens, ourAlive);
        Report.Throughput("no-op (GET /alive on OpenIddict)", theirAlive, null);
        Report.Throughput("client_credentials (OpenIddict 7.8)", theirTokens, theirAlive);
        Console.WriteLine($"client_credentials: tokens-api / OpenIddict = {ourTokens.PerSecond / theirTokens.PerSecond:0.00}");
        Report.Throughput("introspect (tokens-api)", introspect, ourAlive);
    }

    internal static async Task<Guid?> PostAsync(HttpClient http, string path, KeyValuePair<string, string>[] form, AuthenticationHeaderValue? auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form), Headers = { Authorization = auth } };
        using var response = await http.SendAsync(request);
        // Drain the body: a token response is what is being measured.
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{path}: {(int)response.StatusCode}");
        return null;
    }

    internal static async Task<string> TokenAsync(HttpClient http, AuthenticationHeaderValue basic)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            Headers = { Authorization = basic },
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    internal static async Task WaitUntilAsync(Func<Task> attempt)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (HttpRequestException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }
}
