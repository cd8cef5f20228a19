using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

/// <summary>RFC 8707: a token asked for one resource server carries only that audience, and no other server accepts it.</summary>
public class ResourceIndicatorTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task a_client_credentials_token_for_a_resource_is_bound_to_it_alone()
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.ClientCredentials, [OAuthParameters.Resource] = TokensFixture.McpServer,
        }, client.ClientId.ToString(), client.ClientSecret!);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        var token = answer.Str("access_token");
        new JsonWebToken(token).Audiences.ShouldBe([TokensFixture.McpServer]);
        (await ValidateForAsync(token, TokensFixture.McpServer)).ShouldBeTrue();
        (await ValidateForAsync(token, TokensFixture.OtherMcpServer)).ShouldBeFalse();
        (await Api.IntrospectAsync(token, client)).Json.GetProperty("aud")[0].GetString().ShouldBe(TokensFixture.McpServer);
    }

    [Theory]
    [InlineData("https://unknown.platform.test/mcp", "invalid_target")]
    [InlineData("https://mcp.platform.test/mcp#frag", "invalid_target")]
    [InlineData("mcp-server", "invalid_target")]
    public async Task an_unknown_or_malformed_resource_is_invalid_target(string resource, string error)
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.ClientCredentials, [OAuthParameters.Resource] = resource,
        }, client.ClientId.ToString(), client.ClientSecret!);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Str("error").ShouldBe(error);
    }

    [Fact]
    public async Task the_resource_named_at_authorization_binds_the_code_its_tokens_and_their_refreshes()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        var url = Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge) + "&resource=" + Uri.EscapeDataString(TokensFixture.McpServer);
        var login = await browser.GetAsync(url);
        var consent = await browser.GetAsync((await browser.LoginAsync(login, flow.Email, flow.Password)).Response.Headers.Location!.ToString());
        var code = Browser.Callback(await browser.ConsentAsync(consent), CodeFlow.RedirectUri)["code"];

        var tokens = await flow.RedeemAsync(code);
        tokens.Status.ShouldBe(HttpStatusCode.OK, tokens.Text);
        new JsonWebToken(tokens.Str("access_token")).Audiences.ShouldBe([TokensFixture.McpServer]);

        var refreshed = await flow.RefreshAsync(tokens.Str("refresh_token"));
        new JsonWebToken(refreshed.Str("access_token")).Audiences.ShouldBe([TokensFixture.McpServer]);
        var elsewhere = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.RefreshToken, [OAuthParameters.RefreshToken] = refreshed.Str("refresh_token"),
            [OAuthParameters.Resource] = TokensFixture.OtherMcpServer,
        }, flow.Client.ClientId.ToString(), flow.Client.ClientSecret!);
        elsewhere.Str("error").ShouldBe("invalid_target");
    }

    [Fact]
    public async Task an_unknown_resource_at_authorization_goes_back_to_the_client_as_invalid_target()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var url = Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge) + "&resource=" + Uri.EscapeDataString("https://evil.example/mcp");

        var callback = Browser.Callback(await new Browser(Tokens).GetAsync(url), CodeFlow.RedirectUri);

        callback["error"].ShouldBe("invalid_target");
    }

    private async Task<bool> ValidateForAsync(string token, string audience)
    {
        var jwks = new JsonWebKeySet(await Api.Http.GetStringAsync("/.well-known/jwks.json", Ct));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = TokensFixture.Issuer, ValidAudience = audience, IssuerSigningKeys = jwks.GetSigningKeys(), ValidAlgorithms = ["ES256"], ValidTypes = ["at+jwt"],
        });
        return result.IsValid;
    }
}
