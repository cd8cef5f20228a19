using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Agents.Credentials;
using Platform.Keys.Accounts;
using Platform.Keys.ApiKeys;

namespace Platform.Agents.Tests;

public static class Accounts
{
    /// <summary>A new account and its admin key, usable once the Keys host's index has it.</summary>
    public static async Task<(Guid Account, string Admin)> CreateAccountAsync(this IAlbaHost keys)
    {
        await using var session = keys.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), "test", DateTimeOffset.UtcNow, CancellationToken.None);
        await keys.KeyVerifiesAsync(created.AdminKey.Secret);
        return (created.Account.Id, created.AdminKey.Secret);
    }

    /// <summary>A key of the account, verifiable at Keys before it returns.</summary>
    public static async Task<IssuedKey> IssueKeyAsync(this IAlbaHost keys, string admin, string[] scopes, DateTimeOffset? expiresAt = null, RateLimit? rateLimit = null)
    {
        var (status, body) = await keys.SendAsync(s => s.Post.Json(new IssueKey("agent-parent", "live", scopes, expiresAt, rateLimit)).ToUrl("/api/keys"), admin);
        status.ShouldBe(201, body);
        var key = Json.Read<IssuedKey>(body);
        await keys.KeyVerifiesAsync(key.Secret);
        return key;
    }

    private static async Task KeyVerifiesAsync(this IAlbaHost keys, string secret) =>
        await Poll.UntilAsync(async () => (await keys.SendAsync(s => s.Post.Json(new { key = secret }).ToUrl("/api/keys/verify"))).Status == 200);
}

public static class Requests
{
    public static async Task<(int Status, string Body)> SendAsync(this IAlbaHost host, Action<Scenario> request, string? bearer = null, string? agentId = null)
    {
        var result = await host.Scenario(s =>
        {
            if (bearer is not null) s.WithRequestHeader("Authorization", $"Bearer {bearer}");
            if (agentId is not null) s.WithRequestHeader("X-Agent-ID", agentId);
            request(s);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    public static MintCredential AMint(string agentId = "my-analysis-agent", params string[] scopes) =>
        new(agentId, scopes.Length == 0 ? null : scopes, null, null);

    public static Task<(int Status, string Body)> TryMintAsync(this IAlbaHost agents, string key, MintCredential command) =>
        agents.SendAsync(s => s.Post.Json(command).ToUrl("/api/agents"), key);

    /// <summary>Mints and waits until the index of the Agents host has the credential.</summary>
    public static async Task<MintedCredential> MintAsync(this IAlbaHost agents, string key, MintCredential command)
    {
        var (status, body) = await agents.TryMintAsync(key, command);
        status.ShouldBe(201, body);
        var minted = Json.Read<MintedCredential>(body);
        await agents.VerifyUntilAsync(minted.Token, minted.AgentId, 200);
        return minted;
    }

    public static Task<(int Status, string Body)> TryRestrictAsync(this IAlbaHost agents, MintedCredential parent, RestrictCredential command) =>
        agents.SendAsync(s => s.Post.Json(command).ToUrl($"/api/agents/{parent.Id}/restrict"), parent.Token, parent.AgentId);

    public static async Task<MintedCredential> RestrictAsync(this IAlbaHost agents, MintedCredential parent, RestrictCredential command)
    {
        var (status, body) = await agents.TryRestrictAsync(parent, command);
        status.ShouldBe(201, body);
        var child = Json.Read<MintedCredential>(body);
        await agents.VerifyUntilAsync(child.Token, child.AgentId, 200);
        return child;
    }

    public static Task<(int Status, string Body)> VerifyAsync(this IAlbaHost agents, string token, string? agentId, string[]? scopes = null, string? tool = null, string? resource = null, bool? charge = null) =>
        agents.SendAsync(s => s.Post.Json(new { token, scopes, tool, resource, charge }).ToUrl("/api/agents/verify"), agentId: agentId);

    /// <summary>Verification reads an index that PostgreSQL notifications update: poll until it reflects a change.</summary>
    public static async Task<TimeSpan> VerifyUntilAsync(this IAlbaHost agents, string token, string agentId, int status, double seconds = 10)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Poll.UntilAsync(async () => (await agents.VerifyAsync(token, agentId)).Status == status, seconds);
        return clock.Elapsed;
    }
}

public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, double seconds = 10)
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

    public static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement;
}
