using System.Net.Http.Headers;
using System.Text;
using Platform.EndToEnd.Tests;
using Platform.Fuzz.Tests.Probes;
using Platform.Fuzz.Tests.Table;

namespace Platform.Fuzz.Tests;

/// <summary>Resolves a route against real targets: ids in the path, secrets in the example, the credential header.</summary>
public static class Aims
{
    public static async Task<Aim> ForAsync(Route route, Targets targets, PlatformFixture platform)
    {
        var key = route.Destructive && route.Path.Contains("{key}") ? await Targets.IssueKeyAsync(platform) : targets.Key;
        var agent = route.Destructive && (route.Path.Contains("{agent}") || route.Credential == Credential.Agent) ? await targets.NewAgentAsync() : targets.Agent;
        var client = route.Destructive && route.Path.Contains("{client}") ? await Targets.NewClientAsync(platform) : targets.Client;
        var ids = new Dictionary<string, string>
        {
            ["{key}"] = key.Id.ToString(), ["{agent}"] = agent.Id.ToString(), ["{client}"] = client.Id.ToString(), ["{webhook}"] = targets.Webhook.ToString(),
        };
        var placeholder = ids.Keys.FirstOrDefault(route.Path.Contains);
        var path = placeholder is null ? route.Path : route.Path.Replace(placeholder, ids[placeholder]);
        var example = route.Example?
            .Replace("$KEY", targets.Key.Secret).Replace("$ACCESS_TOKEN", targets.AccessToken).Replace("$AGENT_TOKEN", targets.Agent.Token)
            .Replace("$CLIENT_ID", client.Id.ToString()).Replace("$CLIENT_SECRET", Uri.EscapeDataString(client.Secret))
            .Replace("$ORIGIN", targets.Origin).Replace("$RANDOM", Guid.NewGuid().ToString("N"));
        return new Aim(route, path, placeholder is null ? "\0" : ids[placeholder], example, request => Authenticate(route, request, targets, agent, client), targets);
    }

    private static void Authenticate(Route route, HttpRequestMessage request, Targets targets, (Guid Id, string Token) agent, (Guid Id, string Secret) client)
    {
        request.Headers.Authorization = route.Credential switch
        {
            Credential.Admin => new AuthenticationHeaderValue("Bearer", targets.Platform.AdminKey),
            Credential.Key => new AuthenticationHeaderValue("Bearer", targets.Key.Secret),
            Credential.AccessToken => new AuthenticationHeaderValue("Bearer", targets.AccessToken),
            Credential.Agent => new AuthenticationHeaderValue("Bearer", agent.Token),
            Credential.ClientBasic => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}"))),
            _ => null,
        };
        // Agent verification names the agent beside the token in its body, as a resource server passes it on.
        if (route.Credential == Credential.Agent || route.Path == "/api/agents/verify") request.Headers.Add("X-Agent-ID", Targets.AgentId);
    }
}
