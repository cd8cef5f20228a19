using System.Net;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests.Rfc9700;

/// <summary>RFC 9700 §4.5 and RFC 6749 §4.1.2: a code is used once, by the client it was issued to.</summary>
public class CodeReplayTests(PlatformFixture platform)
{
    [Fact]
    public async Task a_replayed_code_is_refused_and_what_its_first_redemption_issued_is_revoked()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var (code, verifier) = await flow.CodeAsync();

        var first = await flow.RedeemAsync(code, verifier);
        var replay = await flow.RedeemAsync(code, verifier);

        first.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        replay.Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        (await flow.RefreshAsync(first.Json.Str(OpenIdConnectParameterNames.RefreshToken))).Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        (await flow.ActiveAsync(first.Json.Str(OpenIdConnectParameterNames.AccessToken))).ShouldBeFalse();
    }

    [Fact]
    public async Task a_code_redeemed_by_another_client_is_refused()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var other = await CodeFlow.RegisterAsync(platform);
        var (code, verifier) = await flow.CodeAsync();

        var stolen = await flow.RedeemAsync(code, verifier, asClient: other);

        stolen.Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        stolen.Json.Str(OpenIdConnectParameterNames.AccessToken).ShouldBeEmpty();
    }
}
