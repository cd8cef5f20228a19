using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Tokens.Tests;

public class DiscoveryTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task metadata_names_the_configured_issuer_and_every_endpoint()
    {
        var answer = await Answer.From(await Api.Http.GetAsync("/.well-known/oauth-authorization-server", Ct));

        answer.Status.ShouldBe(HttpStatusCode.OK);
        var m = answer.Json;
        m.GetProperty("issuer").GetString().ShouldBe(TokensFixture.Issuer);
        m.GetProperty("token_endpoint").GetString().ShouldBe($"{TokensFixture.Issuer}/oauth/token");
        m.GetProperty("authorization_endpoint").GetString().ShouldBe($"{TokensFixture.Issuer}/oauth/authorize");
        m.GetProperty("jwks_uri").GetString().ShouldBe($"{TokensFixture.Issuer}/.well-known/jwks.json");
        m.GetProperty("introspection_endpoint").GetString().ShouldBe($"{TokensFixture.Issuer}/oauth/introspect");
        m.GetProperty("revocation_endpoint").GetString().ShouldBe($"{TokensFixture.Issuer}/oauth/revoke");
        Strings(m, "response_types_supported").ShouldBe(["code"]);
        Strings(m, "code_challenge_methods_supported").ShouldBe(["S256"]);
        Strings(m, "grant_types_supported").ShouldBe(["authorization_code", "client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:token-exchange"], ignoreOrder: true);
        Strings(m, "token_endpoint_auth_methods_supported").ShouldContain("client_secret_basic");
        Strings(m, "token_endpoint_auth_methods_supported").ShouldContain("client_secret_post");
        Strings(m, "scopes_supported").ShouldContain("chat:completions");
        m.GetProperty("authorization_response_iss_parameter_supported").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task jwks_publishes_only_public_ec_keys()
    {
        var jwks = (await Answer.From(await Api.Http.GetAsync("/.well-known/jwks.json", Ct))).Text;

        var key = new JsonWebKeySet(jwks).Keys.ShouldHaveSingleItem();
        key.Kty.ShouldBe("EC");
        key.Crv.ShouldBe("P-256");
        key.Alg.ShouldBe("ES256");
        key.Use.ShouldBe("sig");
        key.HasPrivateKey.ShouldBeFalse();
        jwks.ShouldNotContain("\"d\"");
    }

    [Fact]
    public async Task a_token_validates_independently_with_only_the_jwks()
    {
        var client = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client, "insights:read");
        var jwks = new JsonWebKeySet(await Api.Http.GetStringAsync("/.well-known/jwks.json", Ct));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = TokensFixture.Issuer,
            ValidAudience = "platform-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["ES256"],
            ValidTypes = ["at+jwt"],
        });

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.Typ.ShouldBe("at+jwt");
        jwt.Kid.ShouldBe(jwks.Keys.Single().Kid);
        jwt.Subject.ShouldBe(client.ClientId.ToString());
        jwt.GetPayloadValue<string>("client_id").ShouldBe(client.ClientId.ToString());
        jwt.GetPayloadValue<string>("scope").ShouldBe("insights:read");
        jwt.GetPayloadValue<string>("account_id").ShouldBe(AccountId.ToString());
        jwt.Id.ShouldNotBeNullOrEmpty();
        (jwt.ValidTo - jwt.IssuedAt).ShouldBe(TimeSpan.FromSeconds(3600));
    }

    private static string[] Strings(System.Text.Json.JsonElement e, string name) =>
        e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToArray();
}
