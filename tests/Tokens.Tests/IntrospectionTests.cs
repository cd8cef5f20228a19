using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Tokens.Clients;
using Platform.Tokens.Introspection;
using Platform.Tokens.Protocol;
using Platform.Tokens.Signing;

namespace Platform.Tokens.Tests;

public class IntrospectionTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task a_live_token_introspects_with_its_claims()
    {
        var client = await Api.RegisterAsync();
        var resourceServer = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client, "plans:read");

        var answer = (await Api.IntrospectAsync(token, resourceServer)).Json;

        answer.GetProperty("active").GetBoolean().ShouldBeTrue();
        answer.GetProperty("scope").GetString().ShouldBe("plans:read");
        answer.GetProperty("client_id").GetString().ShouldBe(client.ClientId.ToString());
        answer.GetProperty("sub").GetString().ShouldBe(client.ClientId.ToString());
        answer.GetProperty("iss").GetString().ShouldBe(TokensFixture.Issuer);
        answer.GetProperty("account_id").GetString().ShouldBe(AccountId.ToString());
        answer.GetProperty("exp").GetInt64().ShouldBeGreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task introspection_needs_an_authenticated_confidential_client()
    {
        var client = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client);

        var anonymous = await Api.PostFormAsync("/oauth/introspect", [new(OAuthParameters.Token, token)]);
        anonymous.Status.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Str("error").ShouldBe("invalid_client");

        var wrong = await Api.PostFormAsync("/oauth/introspect", [new(OAuthParameters.Token, token)], client.ClientId.ToString(), "cs_nope");
        wrong.Status.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.Response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
    }

    [Fact]
    public async Task another_accounts_client_learns_nothing_about_a_live_access_token()
    {
        var client = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client, "plans:read");
        var (_, otherAdmin) = await CreateAccountAsync(Keys);
        var stranger = await Api.RegisterAsync(key: otherAdmin);

        var answer = await Api.IntrospectAsync(token, stranger);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Text.ShouldBe("{\"active\":false}");
        (await Api.IntrospectAsync(token, client)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task another_accounts_client_learns_nothing_about_a_live_refresh_token()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var callback = await flow.SignInAsync(new Browser(Tokens), scope: "plans:read");
        var refresh = (await flow.RedeemAsync(callback["code"])).Str("refresh_token");
        var (_, otherAdmin) = await CreateAccountAsync(Keys);
        var stranger = await Api.RegisterAsync(key: otherAdmin);
        var resourceServer = await Api.RegisterAsync();

        (await Api.IntrospectAsync(refresh, stranger)).Text.ShouldBe("{\"active\":false}");
        (await Api.IntrospectAsync(refresh, resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void only_a_client_of_the_tokens_own_account_may_introspect_it()
    {
        var account = Guid.NewGuid();
        OAuthClient Of(Guid owner) => new(Guid.NewGuid(), owner, "rs", ClientType.Confidential, [], [], [], "hash", ClientStatus.Active, DateTimeOffset.UtcNow);

        IntrospectEndpoint.MayIntrospect(Of(account), account.ToString()).ShouldBeTrue();
        IntrospectEndpoint.MayIntrospect(Of(Guid.NewGuid()), account.ToString()).ShouldBeFalse();
        IntrospectEndpoint.MayIntrospect(Of(Guid.Empty), Guid.Empty.ToString()).ShouldBeFalse();
        IntrospectEndpoint.MayIntrospect(Of(account), null).ShouldBeFalse();
        IntrospectEndpoint.MayIntrospect(Of(account), "not-a-guid").ShouldBeFalse();
    }

    public static TheoryData<string> Attacks() => ["alg none", "HS256 keyed with the public key", "unknown kid", "expired", "not yet valid", "wrong issuer",
        "wrong audience", "tampered payload", "typ JWT instead of at+jwt", "garbage"];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task a_forged_or_invalid_token_is_inactive(string attack)
    {
        var client = await Api.RegisterAsync();
        var resourceServer = await Api.RegisterAsync();
        var genuine = await Api.AccessTokenAsync(client);

        var forged = Forge(attack, genuine, client.ClientId);

        var answer = await Api.IntrospectAsync(forged, resourceServer);
        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Text.ShouldBe("{\"active\":false}");
        (await Api.IntrospectAsync(genuine, resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task a_revoked_access_token_becomes_inactive_and_only_its_own_client_may_revoke_it()
    {
        var client = await Api.RegisterAsync();
        var other = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client);

        (await Api.PostFormAsync("/oauth/revoke", [new(OAuthParameters.Token, token)], other.ClientId.ToString(), other.ClientSecret!)).Status.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(200, Ct);
        (await Api.IntrospectAsync(token, other)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();

        var revoked = await Api.PostFormAsync("/oauth/revoke", [new(OAuthParameters.Token, token)], client.ClientId.ToString(), client.ClientSecret!);
        revoked.Status.ShouldBe(HttpStatusCode.OK, revoked.Text);
        (await Api.IntrospectAsync(token, other)).Json.GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task an_acknowledged_revocation_holds_for_the_very_next_introspection_every_time()
    {
        var client = await Api.RegisterAsync();
        var resourceServer = await Api.RegisterAsync();

        for (var i = 0; i < 300; i++)
        {
            var token = await Api.AccessTokenAsync(client);
            // Every other token was introspected (and its verification remembered) before it is revoked.
            if (i % 2 == 0) (await Api.IntrospectAsync(token, resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeTrue($"try {i}");
            (await Api.PostFormAsync("/oauth/revoke", [new(OAuthParameters.Token, token)], client.ClientId.ToString(), client.ClientSecret!)).Status.ShouldBe(HttpStatusCode.OK);
            (await Api.IntrospectAsync(token, resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeFalse($"try {i}");
        }
    }

    [Fact]
    public async Task revoking_an_unknown_token_is_still_200()
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.PostFormAsync("/oauth/revoke", [new(OAuthParameters.Token, "not-a-token")], client.ClientId.ToString(), client.ClientSecret!);

        answer.Status.ShouldBe(HttpStatusCode.OK);
    }

    private string Forge(string attack, string genuine, Guid clientId)
    {
        var ring = Tokens.Services.GetRequiredService<SigningKeyRing>();
        var current = ring.Current(DateTimeOffset.UtcNow)!;
        var now = DateTime.UtcNow;
        string Sign(SigningCredentials credentials, string issuer = TokensFixture.Issuer, string audience = "platform-api",
            DateTime? notBefore = null, DateTime? expires = null, string type = "at+jwt") =>
            new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                IssuedAt = (notBefore ?? now).AddSeconds(-1),
                NotBefore = notBefore ?? now.AddSeconds(-1),
                Expires = expires ?? now.AddHours(1),
                TokenType = type,
                Claims = new Dictionary<string, object> { ["sub"] = clientId.ToString(), ["client_id"] = clientId.ToString(), ["scope"] = "admin", ["jti"] = Guid.NewGuid().ToString("N") },
                SigningCredentials = credentials,
            });
        var ours = new SigningCredentials(current.Signing, SecurityAlgorithms.EcdsaSha256);
        var parts = genuine.Split('.');
        return attack switch
        {
            "alg none" => $"{B64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")}.{parts[1]}.",
            "HS256 keyed with the public key" => Sign(new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(current.Public))) { KeyId = current.Key.Kid }, SecurityAlgorithms.HmacSha256)),
            "unknown kid" => Sign(new SigningCredentials(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "unknown" }, SecurityAlgorithms.EcdsaSha256)),
            "expired" => Sign(ours, notBefore: now.AddHours(-3), expires: now.AddHours(-2)),
            "not yet valid" => Sign(ours, notBefore: now.AddHours(1), expires: now.AddHours(2)),
            "wrong issuer" => Sign(ours, issuer: "https://evil.example"),
            "wrong audience" => Sign(ours, audience: "another-api"),
            "tampered payload" => $"{parts[0]}.{B64(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("insights:read", "admin"))}.{parts[2]}",
            "typ JWT instead of at+jwt" => Sign(ours, type: "JWT"),
            _ => "eyJ.definitely.not",
        };
    }

    private static string B64(string json) => Base64UrlEncoder.Encode(json);
}
