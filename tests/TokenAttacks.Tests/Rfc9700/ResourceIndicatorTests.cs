using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests.Rfc9700;

/// <summary>RFC 9700 §2.3 and RFC 8707: a token names the one resource it is for, and every other resource refuses it.</summary>
public class ResourceIndicatorTests(PlatformFixture platform)
{
    [Fact]
    public async Task a_code_for_the_mcp_server_gives_a_token_only_the_mcp_server_takes_and_its_refresh_stays_bound()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var mcp = $"{flow.Origin}/mcp";
        var (code, verifier) = await flow.CodeAsync(request => request[OpenIdConnectParameterNames.Resource] = mcp);

        var tokens = (await flow.RedeemAsync(code, verifier)).Json;
        var token = tokens.Str(OpenIdConnectParameterNames.AccessToken);

        new JsonWebToken(token).Audiences.ShouldBe([mcp]);
        (await platform.Gateway.SendAsync(HttpMethod.Get, "/v1/models", token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await platform.Gateway.SendAsync(HttpMethod.Get, "/api/keys", token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var widened = await flow.RefreshAsync(tokens.Str(OpenIdConnectParameterNames.RefreshToken), resource: flow.Origin);
        widened.Json.Str(OpenIdConnectParameterNames.AccessToken).ShouldBeEmpty();
        widened.Json.Str(OpenIdConnectParameterNames.Error).ShouldBeOneOf(OAuth.InvalidTarget, OAuth.InvalidGrant);
    }

    [Fact]
    public async Task a_resource_the_server_does_not_know_is_invalid_target()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var request = flow.Request(LoginPages.Pkce().Challenge);
        request[OpenIdConnectParameterNames.Resource] = "https://attacker.example/api";

        var callback = await flow.RespondAsync(request);

        callback[OpenIdConnectParameterNames.Error].ShouldBe(OAuth.InvalidTarget);
        callback[OpenIdConnectParameterNames.Code].ShouldBeNull();
    }
}
