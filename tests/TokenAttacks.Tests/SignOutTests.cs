using System.Diagnostics;
using System.Net;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests;

/// <summary>
/// A sign-out holds everywhere: when the console's refresh token is revoked (RFC 7009), Tokens ends its family, and
/// every service that takes the access token it issued refuses it from then on, not at its <c>exp</c>: Tokens at
/// once, Keys, Agents and Audit as soon as Tokens' revocation feed tells them (the feed the resource servers follow).
/// Agent credentials minted with the sign-in's tokens end with it too.
/// </summary>
public class SignOutTests(PlatformFixture platform)
{
    /// <summary>Generous for a busy 2-core machine; bench/ measures the real figure.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly (string Service, string Path)[] Routes =
        [("Keys", "/api/keys"), ("Tokens", "/api/users"), ("Agents", "/api/agents"), ("Audit", "/api/audit/events"), ("Audit", "/api/webhooks")];

    [Fact]
    public async Task a_revoked_sign_in_ends_its_access_token_on_every_service()
    {
        var gateway = platform.Gateway;
        var (access, refresh) = await Genuine.DashboardSignInAsync(platform, gateway.BaseAddress!.GetLeftPart(UriPartial.Authority));
        // Every service takes it first (a service that has just started answers 503 until its feed is connected).
        foreach (var (service, path) in Routes)
            await Eventually.ValueAsync(() => StatusAsync(path, access), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), s => $"{service} {path} before the sign-out: {(int)s}");

        var (revoked, body) = await gateway.PostFormAsync("/oauth/revoke", new Dictionary<string, string>
        {
            [OAuth.Token] = refresh, ["token_type_hint"] = "refresh_token", [OpenIdConnectParameterNames.ClientId] = Genuine.DashboardClientId,
        });
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());

        var since = Stopwatch.StartNew();
        var late = new List<string>();
        foreach (var (service, path) in Routes)
        {
            while (await StatusAsync(path, access) != HttpStatusCode.Unauthorized)
            {
                if (since.Elapsed > Bound)
                {
                    late.Add($"{service} {path}: still {(int)await StatusAsync(path, access)} {since.Elapsed.TotalSeconds:0.0} s after the revocation was acknowledged");
                    break;
                }
                await Task.Delay(25, Api.Ct);
            }
        }
        late.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_revoked_access_token_is_refused_on_every_service_and_its_sign_in_lives_on()
    {
        var gateway = platform.Gateway;
        var (access, refresh) = await Genuine.DashboardSignInAsync(platform, gateway.BaseAddress!.GetLeftPart(UriPartial.Authority));
        await Eventually.ValueAsync(() => StatusAsync("/api/keys", access), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        (await gateway.PostFormAsync("/oauth/revoke", new Dictionary<string, string>
        {
            [OAuth.Token] = access, ["token_type_hint"] = "access_token", [OpenIdConnectParameterNames.ClientId] = Genuine.DashboardClientId,
        })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var (service, path) in Routes)
            await Eventually.ValueAsync(() => StatusAsync(path, access), s => s == HttpStatusCode.Unauthorized, Bound, s => $"{service} {path}: {(int)s}");
        // Only that token ended: the family refreshes to a new one that works.
        var (refreshed, json) = await gateway.PostFormAsync(OAuth.TokenPath, new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.RefreshToken, [OpenIdConnectParameterNames.RefreshToken] = refresh,
            [OpenIdConnectParameterNames.ClientId] = Genuine.DashboardClientId,
        });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK, json.ToString());
        (await StatusAsync("/api/agents", json.Str(OpenIdConnectParameterNames.AccessToken))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_agent_credential_minted_with_a_sign_ins_token_ends_with_the_sign_in_at_agents_and_at_the_resource_server()
    {
        var gateway = platform.Gateway;
        var (access, refresh) = await Genuine.DashboardSignInAsync(platform, gateway.BaseAddress!.GetLeftPart(UriPartial.Authority));
        await Eventually.ValueAsync(() => StatusAsync("/api/agents", access), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var agent = await gateway.ManageAsync(HttpMethod.Post, "/api/agents", access, new { agentId = "signed-in-agent", scopes = new[] { Scope.ModelsRead } });
        var token = agent.Str("token");
        await Eventually.ValueAsync(() => AgentStatusAsync("/api/agents/verify", token), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        // The sample API now holds an acceptance of it for up to its cache TTL: only Agents' feed can end it sooner.
        await Eventually.ValueAsync(() => AgentStatusAsync("/v1/models", token), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10));

        (await gateway.PostFormAsync("/oauth/revoke", new Dictionary<string, string>
        {
            [OAuth.Token] = refresh, ["token_type_hint"] = "refresh_token", [OpenIdConnectParameterNames.ClientId] = Genuine.DashboardClientId,
        })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.ValueAsync(() => AgentStatusAsync("/api/agents/verify", token), s => s == HttpStatusCode.Unauthorized, Bound, s => $"Agents' verify: {(int)s}");
        await Eventually.ValueAsync(() => AgentStatusAsync("/v1/models", token), s => s == HttpStatusCode.Unauthorized, Bound, s => $"the sample API: {(int)s}");
    }

    private async Task<HttpStatusCode> AgentStatusAsync(string path, string token)
    {
        using var request = path == "/v1/models"
            ? new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", token) } }
            : new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(new { token }) };
        request.Headers.Add("X-Agent-ID", "signed-in-agent");
        using var response = await platform.Gateway.SendAsync(request, Api.Ct);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string token)
    {
        using var response = await platform.Gateway.SendAsync(HttpMethod.Get, path, token);
        return response.StatusCode;
    }
}
