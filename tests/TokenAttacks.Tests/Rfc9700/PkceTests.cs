using System.Net;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests.Rfc9700;

/// <summary>RFC 9700 §2.1.1 and §4.8: PKCE is required, S256 only, and a code is worth nothing without its verifier.</summary>
public class PkceTests(PlatformFixture platform)
{
    [Fact]
    public async Task a_public_client_without_a_code_challenge_gets_invalid_request_back_with_state_and_issuer()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var request = flow.Request(LoginPages.Pkce().Challenge);
        request.Remove(OAuth.CodeChallenge);
        request.Remove(OAuth.CodeChallengeMethod);

        var callback = await flow.RespondAsync(request);

        callback[OpenIdConnectParameterNames.Error].ShouldBe(OAuth.InvalidRequest);
        callback[OpenIdConnectParameterNames.Code].ShouldBeNull();
        callback[OpenIdConnectParameterNames.State].ShouldBe("xyz");
        callback[OpenIdConnectParameterNames.Iss].ShouldBe(flow.Origin);
    }

    [Fact]
    public async Task the_plain_method_is_refused_so_a_challenge_cannot_be_downgraded()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var (verifier, _) = LoginPages.Pkce();
        var request = flow.Request(verifier);
        request[OAuth.CodeChallengeMethod] = OAuth.Plain;

        var callback = await flow.RespondAsync(request);

        callback[OpenIdConnectParameterNames.Error].ShouldBe(OAuth.InvalidRequest);
        callback[OpenIdConnectParameterNames.Code].ShouldBeNull();
    }

    [Fact]
    public async Task a_code_issued_for_an_s256_challenge_is_refused_without_its_verifier_or_with_another()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var (verifier, challenge) = LoginPages.Pkce();
        var (withoutVerifier, _) = await flow.CodeAsync();
        var (withAnother, _) = await flow.CodeAsync();
        var (withTheChallenge, _) = await flow.CodeAsync(request => request[OAuth.CodeChallenge] = challenge);
        var (withItsOwn, ownVerifier) = await flow.CodeAsync();

        (await flow.RedeemAsync(withoutVerifier, null)).Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        (await flow.RedeemAsync(withAnother, verifier)).Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        // The challenge itself presented as the verifier: what a plain-method downgrade would accept.
        (await flow.RedeemAsync(withTheChallenge, challenge)).Json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.InvalidGrant);
        (await flow.RedeemAsync(withItsOwn, ownVerifier)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_metadata_offers_s256_alone()
    {
        var metadata = await platform.Gateway.ManageAsync(HttpMethod.Get, OAuth.MetadataPath, platform.AdminKey);

        metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()).ShouldBe([OAuth.S256]);
    }
}
