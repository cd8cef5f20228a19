using System.Net;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests.Rfc9700;

/// <summary>
/// RFC 9700 §4.1.3 and §2.1: redirect URIs compared as exact strings, at the authorization endpoint (an error page,
/// never a redirect to the unverified URI) and again at the token endpoint.
/// </summary>
public class RedirectUriTests(PlatformFixture platform)
{
    public static TheoryData<string> NearMisses() =>
    [
        CodeFlow.RedirectUri + "/evil",
        CodeFlow.RedirectUri + "?next=https://attacker.example",
        CodeFlow.RedirectUri + "/",
        CodeFlow.RedirectUri + "#fragment",
        "https://app.example.com/Callback",
        "https://APP.example.com/callback",
        "https://app.example.com:8443/callback",
        "http://app.example.com/callback",
        "https://app.example.com@attacker.example/callback",
        "https://attacker.example/callback?https://app.example.com/callback",
        "https://app.example.com.attacker.example/callback",
        "https://app.example.com/callback/../callback",
        "https://app.example.com/callback%2F..%2Fevil",
        "https://attacker.example/callback",
    ];

    [Theory]
    [MemberData(nameof(NearMisses))]
    public async Task a_redirect_uri_that_is_not_registered_exactly_gets_an_error_page_never_a_redirect(string redirectUri)
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var request = flow.Request(LoginPages.Pkce().Challenge);
        request[OpenIdConnectParameterNames.RedirectUri] = redirectUri;

        var answer = await flow.Browser.AuthorizeAsync(request);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task an_unknown_client_gets_an_error_page_never_a_redirect()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var request = flow.Request(LoginPages.Pkce().Challenge);
        request[OpenIdConnectParameterNames.ClientId] = Guid.NewGuid().ToString();
        request[OpenIdConnectParameterNames.RedirectUri] = "https://attacker.example/callback";

        var answer = await flow.Browser.AuthorizeAsync(request);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Headers.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData(CodeFlow.RedirectUri + "/")]
    [InlineData(CodeFlow.RedirectUri + "?x=1")]
    [InlineData("https://app.example.com/Callback")]
    [InlineData(null)]
    public async Task the_token_endpoint_refuses_a_code_with_a_redirect_uri_other_than_the_authorized_one(string? redirectUri)
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var (code, verifier) = await flow.CodeAsync();

        var answer = await flow.RedeemAsync(code, verifier, redirectUri);

        // Without redirect_uri the request itself is incomplete (RFC 6749 §4.1.3): either error refuses the code.
        answer.Json.Str(OpenIdConnectParameterNames.Error).ShouldBeOneOf(OAuth.InvalidGrant, OAuth.InvalidRequest);
        answer.Json.Str(OpenIdConnectParameterNames.AccessToken).ShouldBeEmpty();
    }
}
