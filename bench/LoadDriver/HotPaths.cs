using System.Net.Http.Headers;
using System.Text;

namespace Platform.Bench;

/// <summary>
/// The three hot paths issue 20 holds to "no slower than before": verify a key, a client_credentials token and an
/// agent verify, each through the gateway; plus introspection of that token. Prepared on a running platform: a live
/// key, an OAuth client with its token, an agent credential minted from the key, each accepted once before it is timed.
/// </summary>
public sealed record HotPaths(
    Func<HttpClient, Task<Guid?>> Verify, Func<HttpClient, Task<Guid?>> IssueToken, Func<HttpClient, Task<Guid?>> AgentVerify,
    Func<HttpClient, Task<Guid?>> Introspect)
{
    public static async Task<HotPaths> PrepareAsync(HttpClient http, Requests requests)
    {
        var (_, key) = await requests.IssueAsync(http);
        var (clientId, clientSecret) = await requests.RegisterClientAsync(http);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        // A new client reaches Tokens' index within milliseconds, a new key Keys' and an agent credential Agents': ask until they have.
        var token = "";
        await TokensBench.WaitUntilAsync(async () => token = await TokensBench.TokenAsync(http, basic));
        while (await Requests.VerifyAsync(http, key) != 200) await Task.Delay(5);
        var agentToken = await AgentsBench.MintAsync(http, key);
        while (await AgentsBench.VerifyAsync(http, agentToken) != 200) await Task.Delay(5);

        return new HotPaths(
            async h => await Requests.VerifyAsync(h, key) == 200 ? null : throw new HttpRequestException("verify refused"),
            h => TokensBench.PostAsync(h, "/oauth/token", [new("grant_type", "client_credentials")], basic),
            h => AgentsBench.Ok(h, agentToken),
            h => TokensBench.PostAsync(h, "/oauth/introspect", [new("token", token)], basic));
    }
}
