using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Http;
using Platform.Agents.Credentials;
using Platform.Keys.ApiKeys;

namespace Platform.Sdk.Tests;

public static class Requests
{
    public static async Task<(int Status, string Body, HttpResponse Response)> SendAsync(this IAlbaHost host, Action<Scenario> request, string? bearer = null, string? agentId = null)
    {
        var result = await host.Scenario(s =>
        {
            if (bearer is not null) s.WithRequestHeader("Authorization", $"Bearer {bearer}");
            if (agentId is not null) s.WithRequestHeader("X-Agent-ID", agentId);
            request(s);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(), result.Context.Response);
    }

    public static readonly object AChat = new { model = "mistral-small-latest", messages = new[] { new { role = "user", content = "Hello" } } };

    public static Task<(int Status, string Body, HttpResponse Response)> ChatAsync(this IAlbaHost api, string? bearer, string? agentId = null) =>
        api.SendAsync(s => s.Post.Json(AChat).ToUrl("/v1/chat/completions"), bearer, agentId);
}

public static class PlatformCalls
{
    /// <summary>A live key of the admin's account, verifiable at Keys before it returns.</summary>
    public static Task<IssuedKey> IssueKeyAsync(this IAlbaHost keys, string admin, params string[] scopes) => keys.IssueKeyAsync(admin, new IssueKey("sdk", "live", scopes, null));

    public static async Task<IssuedKey> IssueKeyAsync(this IAlbaHost keys, string admin, IssueKey command)
    {
        var (status, body, _) = await keys.SendAsync(s => s.Post.Json(command).ToUrl("/api/keys"), admin);
        status.ShouldBe(201, body);
        var key = Json.Read<IssuedKey>(body);
        await Poll.UntilAsync(async () => (await keys.SendAsync(s => s.Post.Json(new { key = key.Secret }).ToUrl("/api/keys/verify"))).Status == 200);
        return key;
    }

    public static async Task RevokeAsync(this IAlbaHost keys, string admin, Guid keyId)
    {
        var (status, body, _) = await keys.SendAsync(s => s.Post.Json(new RevokeKey("test")).ToUrl($"/api/keys/{keyId}/revoke"), admin);
        status.ShouldBe(200, body);
    }

    /// <summary>The SIMCEL exchange: an access token (JWT) for an API key.</summary>
    public static async Task<string> ExchangeAsync(this IAlbaHost tokens, string key)
    {
        var (status, body, _) = await tokens.SendAsync(s => s.Post.Json(new { apiKey = key }).ToUrl("/api/auth/v1/token"));
        status.ShouldBe(200, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    public static Task<MintedCredential> MintAsync(this IAlbaHost agents, string key, string agentId, params string[] scopes) =>
        agents.MintAsync(key, new MintCredential(agentId, scopes, null, null));

    public static async Task<MintedCredential> MintAsync(this IAlbaHost agents, string key, MintCredential command)
    {
        var agentId = command.AgentId;
        var (status, body, _) = await agents.SendAsync(s => s.Post.Json(command).ToUrl("/api/agents"), key);
        status.ShouldBe(201, body);
        var minted = Json.Read<MintedCredential>(body);
        await Poll.UntilAsync(async () => (await agents.SendAsync(s => s.Post.Json(new { token = minted.Token }).ToUrl("/api/agents/verify"), agentId: agentId)).Status == 200);
        return minted;
    }
}

public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {seconds} s");
            await Task.Delay(10);
        }
    }
}

public static class Json
{
    public static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;

    /// <summary>The seed's error shape, checked field by field.</summary>
    public static void ShouldBeSeedError(this string body, int statusCode, string error)
    {
        var root = JsonDocument.Parse(body).RootElement;
        root.GetProperty("statusCode").GetInt32().ShouldBe(statusCode, body);
        root.GetProperty("error").GetString().ShouldBe(error, body);
        root.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
