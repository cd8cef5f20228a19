using System.Net;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;
using Platform.TokenAttacks.Tests.Routes;

namespace Platform.TokenAttacks.Tests;

/// <summary>Genuine credentials in the wrong place or for the wrong job: they must be refused just like forgeries.</summary>
public class CredentialPlacementTests(PlatformFixture platform)
{
    private const string AgentHeader = "X-Agent-ID";

    /// <summary>RFC 9700 §2.2 and RFC 6750 §2.3: a token in a URL leaks through logs and Referer, so no route reads one there.</summary>
    [Fact]
    public async Task a_genuine_token_in_the_query_string_is_never_taken()
    {
        var genuine = await Genuine.ObtainAsync(platform);
        var taken = new List<string>();

        foreach (var route in TokenRoutes.All.Where(r => r.Refusal != Refusal.Inactive))
        {
            var path = $"{route.Path}?{OpenIdConnectParameterNames.AccessToken}={Uri.EscapeDataString(route.Token(genuine))}";
            using var response = await platform.Gateway.SendAsync(route.Method, path, null, route.Body, route.Headers);
            if (response.StatusCode != HttpStatusCode.Unauthorized) taken.Add($"{route.Name}: {(int)response.StatusCode}");
        }

        taken.ShouldBeEmpty();
    }

    /// <summary>docs/tokens.md: an agent credential never manages anything, not even with its own agent id beside it.</summary>
    [Fact]
    public async Task an_agent_credential_with_its_agent_id_manages_nothing()
    {
        var genuine = await Genuine.ObtainAsync(platform);
        var managed = new List<string>();

        foreach (var route in TokenRoutes.All.Where(r => r.Refusal == Refusal.Seed))
        {
            using var response = await platform.Gateway.SendAsync(route.Method, route.Path, genuine.AgentToken, route.Body,
                new Dictionary<string, string> { [AgentHeader] = genuine.AgentId });
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)) managed.Add($"{route.Name}: {(int)response.StatusCode}");
        }

        managed.ShouldBeEmpty();
    }
}
