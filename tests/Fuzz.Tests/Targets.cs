using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEnd.Tests;

namespace Platform.Fuzz.Tests;

/// <summary>
/// Real things for the probes to aim at, made once through the API: a key, an agent credential, a client, a webhook,
/// an access token, and an id of another account (a self-registered client belongs to none of ours).
/// Destructive routes get fresh ones, so what they end is nobody else's target.
/// </summary>
public sealed class Targets
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Targets? _made;

    public required PlatformFixture Platform { get; init; }
    public required string Origin { get; init; }
    public required (Guid Id, string Secret) Key { get; init; }
    public required (Guid Id, string Token) Agent { get; init; }
    public required (Guid Id, string Secret) Client { get; init; }
    public required Guid Webhook { get; init; }
    public required string AccessToken { get; init; }
    public required Guid ForeignClient { get; init; }

    public const string AgentId = "fuzz-agent";

    public static async Task<Targets> OfAsync(PlatformFixture platform)
    {
        await Gate.WaitAsync();
        try
        {
            return _made ??= await MakeAsync(platform);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Targets> MakeAsync(PlatformFixture platform)
    {
        var key = await IssueKeyAsync(platform);
        var agent = await CallAsync(platform, "POST", "/api/agents", key.Secret, new { agentId = AgentId, scopes = new[] { "models:read", "chat:completions" }, lifetimeSeconds = 3600 });
        var client = await NewClientAsync(platform);
        var webhook = await CallAsync(platform, "POST", "/api/webhooks", platform.AdminKey, new { url = "https://93.184.215.14/fuzz", eventTypes = new[] { "KeyRevoked" } });
        var token = await CallAsync(platform, "POST", "/api/auth/v1/token", null, new { apiKey = key.Secret });
        var origin = platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var foreign = await CallAsync(platform, "POST", "/oauth/register", null, new { client_name = "fuzz-foreign", redirect_uris = new[] { origin + "/callback" } });
        return new Targets
        {
            Platform = platform,
            Origin = origin,
            Key = key,
            Agent = (agent.GetProperty("id").GetGuid(), agent.GetProperty("token").GetString()!),
            Client = client,
            Webhook = webhook.GetProperty("id").GetGuid(),
            AccessToken = token.GetProperty("accessToken").GetString()!,
            ForeignClient = Guid.Parse(foreign.GetProperty("client_id").GetString()!),
        };
    }

    /// <summary>A live key that may call the sample API and mint agents.</summary>
    public static async Task<(Guid Id, string Secret)> IssueKeyAsync(PlatformFixture platform)
    {
        var key = await CallAsync(platform, "POST", "/api/keys", platform.AdminKey,
            new { name = "fuzz-target", environment = "live", scopes = new[] { "models:read", "chat:completions", "usage:read", "insights:read", "plans:read" } });
        return (key.GetProperty("id").GetGuid(), key.GetProperty("secret").GetString()!);
    }

    public static async Task<(Guid Id, string Secret)> NewClientAsync(PlatformFixture platform)
    {
        var client = await CallAsync(platform, "POST", "/api/clients", platform.AdminKey,
            new { name = "fuzz-client", type = "confidential", grantTypes = new[] { "client_credentials" }, scopes = new[] { "models:read" } });
        return (client.GetProperty("clientId").GetGuid(), client.GetProperty("clientSecret").GetString()!);
    }

    public async Task<(Guid Id, string Token)> NewAgentAsync()
    {
        var agent = await CallAsync(Platform, "POST", "/api/agents", Key.Secret, new { agentId = AgentId, scopes = new[] { "models:read" }, lifetimeSeconds = 600 });
        return (agent.GetProperty("id").GetGuid(), agent.GetProperty("token").GetString()!);
    }

    public static async Task<JsonElement> CallAsync(PlatformFixture platform, string method, string path, string? bearer, object body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await platform.Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} -> {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
