using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests.Rfc9700;

/// <summary>
/// RFC 9700 §4.4 (mix-up) and §2.1.2 (no implicit grant): the issuer in every authorization response (RFC 9207), as
/// discovery names it, the state echoed untouched, and tokens only ever from the token endpoint.
/// </summary>
public class AuthorizationResponseTests(PlatformFixture platform)
{
    private async Task<JsonElement> MetadataAsync() => await platform.Gateway.ManageAsync(HttpMethod.Get, OAuth.MetadataPath, platform.AdminKey);

    [Fact]
    public async Task the_metadata_advertises_the_iss_parameter_and_the_code_flow_alone()
    {
        var metadata = await MetadataAsync();

        metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean().ShouldBeTrue();
        metadata.GetProperty("issuer").GetString().ShouldBe(platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority));
        metadata.GetProperty("response_types_supported").EnumerateArray().Select(t => t.GetString()).ShouldBe([OpenIdConnectResponseType.Code]);
        var grants = metadata.GetProperty("grant_types_supported").EnumerateArray().Select(t => t.GetString()).ToList();
        grants.ShouldNotContain(OpenIdConnectGrantTypes.Password);
        grants.ShouldNotContain("implicit");
    }

    [Fact]
    public async Task a_code_and_an_error_both_come_back_with_the_discovered_issuer_and_the_state_untouched()
    {
        using var flow = await CodeFlow.StartAsync(platform);
        const string state = "s/t a=t&e?é+%20";
        var issuer = (await MetadataAsync()).Str("issuer");

        var granted = await flow.RespondAsync(flow.Request(LoginPages.Pkce().Challenge, state));
        var refusal = flow.Request(LoginPages.Pkce().Challenge, state);
        refusal[OpenIdConnectParameterNames.Scope] = "not-a-scope";
        var refused = await flow.RespondAsync(refusal);

        granted[OpenIdConnectParameterNames.Code].ShouldNotBeNullOrEmpty();
        granted[OpenIdConnectParameterNames.Iss].ShouldBe(issuer);
        granted[OpenIdConnectParameterNames.State].ShouldBe(state);
        refused[OpenIdConnectParameterNames.Error].ShouldNotBeNullOrEmpty();
        refused[OpenIdConnectParameterNames.Iss].ShouldBe(issuer);
        refused[OpenIdConnectParameterNames.State].ShouldBe(state);
    }

    [Theory]
    [InlineData(OpenIdConnectResponseType.Token)]
    [InlineData(OpenIdConnectResponseType.CodeToken)]
    [InlineData(OpenIdConnectResponseType.IdTokenToken)]
    public async Task the_implicit_grant_is_refused_and_no_token_travels_in_the_redirect(string responseType)
    {
        using var flow = await CodeFlow.StartAsync(platform);
        var request = flow.Request(LoginPages.Pkce().Challenge);
        request[OpenIdConnectParameterNames.ResponseType] = responseType;

        var answer = await flow.Browser.AuthorizeAsync(request);

        var location = answer.Headers.Location?.ToString() ?? "";
        location.ShouldNotContain(OpenIdConnectParameterNames.AccessToken);
        location.ShouldNotContain("#");
        if (location.Length > 0) location.ShouldContain($"{OpenIdConnectParameterNames.Error}={OAuth.UnsupportedResponseType}");
        else answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_password_grant_is_refused()
    {
        var genuine = await Genuine.ObtainAsync(platform);

        var (response, json) = await platform.Gateway.PostFormAsync(OAuth.TokenPath, new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.Password, [OpenIdConnectParameterNames.Username] = platform.DevUser.Email,
            [OpenIdConnectParameterNames.Password] = platform.DevUser.Password, [OpenIdConnectParameterNames.Scope] = Scope.ModelsRead,
        }, Api.Basic(genuine.ClientId, genuine.ClientSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        json.Str(OpenIdConnectParameterNames.Error).ShouldBe(OAuth.UnsupportedGrantType);
        json.Str(OpenIdConnectParameterNames.AccessToken).ShouldBeEmpty();
    }
}
