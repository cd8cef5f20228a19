using System.Net;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests.Rfc9700;

/// <summary>RFC 9700 §4.14.2: refresh tokens of public clients rotate, and a reused one revokes its whole family.</summary>
public class RefreshReuseTests(PlatformFixture platform)
{
    [Fact]
    public async Task a_rotated_refresh_token_reused_after_its_successor_was_used_revokes_the_whole_sign_in()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var (code, verifier) = await flow.CodeAsync();
        var first = (await flow.RedeemAsync(code, verifier)).Json.Str(OpenIdConnectParameterNames.RefreshToken);
        var second = await flow.RefreshAsync(first);
        var third = await flow.RefreshAsync(second.Json.Str(OpenIdConnectParameterNames.RefreshToken));
        third.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        third.Json.Str(OpenIdConnectParameterNames.RefreshToken).ShouldNotBe(second.Json.Str(OpenIdConnectParameterNames.RefreshToken));

        // Note: the previous token has a short grace for a lost response (docs/tokens.md); one older than that is theft.
        var reused = await flow.RefreshAsync(first);

        reused.Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        (await flow.RefreshAsync(third.Json.Str(OpenIdConnectParameterNames.RefreshToken))).Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        (await flow.ActiveAsync(third.Json.Str(OpenIdConnectParameterNames.AccessToken))).ShouldBeFalse();
    }

    [Fact]
    public async Task a_refresh_token_is_refused_for_another_client()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        using var other = new CodeFlow(platform, await CodeFlow.RegisterAsync(platform), flow.Browser);
        var (code, verifier) = await flow.CodeAsync();
        var refresh = (await flow.RedeemAsync(code, verifier)).Json.Str(OpenIdConnectParameterNames.RefreshToken);

        var stolen = await other.RefreshAsync(refresh);

        stolen.Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        stolen.Json.Str(OpenIdConnectParameterNames.AccessToken).ShouldBeEmpty();
    }
}
