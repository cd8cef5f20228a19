using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.TokenAttacks.Tests.Forgery;

/// <summary>What an attack starts from: the genuine token a route takes, its key in the JWKS, and what else the attacker holds.</summary>
public sealed record Target(string Token, Genuine Genuine, string? OtherResourceToken, bool TakesApiKeys)
{
    public string[] Parts => Token.Split('.');
    public string Kid => new JsonWebToken(Token).Kid;
    public JsonObject Claims => Jws.Payload(Token);
    public JsonObject Header(string alg = SecurityAlgorithms.EcdsaSha256) => Jws.Header(alg, Kid);
    public string Foreign(JsonObject payload) => Jws.Es256(Header(), payload, Attacker.Key);
    public string Foreign(JsonObject header, JsonObject payload) => Jws.Es256(header, payload, Attacker.Key);
}

/// <summary>One forgery or confusion; <c>null</c> from <see cref="Forge"/> means it does not apply to that route.</summary>
public sealed record Attack(string Name, Func<Target, string?> Forge);

/// <summary>
/// The catalogue: signature and algorithm tricks, key-selection tricks (kid, jwk, jku, x5u, x5c), claims a valid
/// signature would still not excuse, and other credentials presented as an access token.
/// </summary>
public static class Attacks
{
    /// <summary>Signed by Tokens itself: the test waits until it is past its <c>exp</c> and the allowed skew.</summary>
    public const string GenuineButExpired = "a genuine token past its exp";

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static readonly IReadOnlyList<Attack> All =
    [
        new("alg none", t => Jws.Unsigned(Jws.Header("none", null), t.Claims)),
        new("alg none without the trailing dot", t => Jws.Unsigned(Jws.Header("none", null), t.Claims, trailingDot: false)),
        new("alg NONE under the real kid", t => Jws.Unsigned(Jws.Header("NONE", t.Kid), t.Claims)),
        new("signature stripped", t => $"{t.Parts[0]}.{t.Parts[1]}."),
        new("HS256 keyed with the published JWK", t => Jws.Hs256(t.Header(SecurityAlgorithms.HmacSha256), t.Claims, Encoding.UTF8.GetBytes(t.Genuine.Jwk.GetRawText()))),
        new("HS256 keyed with the public key's PEM", t => Jws.Hs256(t.Header(SecurityAlgorithms.HmacSha256), t.Claims,
            Encoding.UTF8.GetBytes(Jws.PublicKey(t.Genuine.Jwk).ExportSubjectPublicKeyInfoPem()))),
        new("ES256 by a foreign key under the real kid", t => t.Foreign(t.Claims)),
        new("an all-zero ES256 signature", t => $"{t.Parts[0]}.{t.Parts[1]}.{Base64UrlEncoder.Encode(new byte[64])}"),
        new("another genuine token's signature", t => $"{t.Parts[0]}.{t.Parts[1]}.{t.Genuine.UserAccessToken.Split('.')[2]}"),
        new("payload widened to admin under the original signature", t => $"{t.Parts[0]}.{Jws.Part(With(t.Claims, "scope", Scope.Admin))}.{t.Parts[2]}"),

        new("kid of no published key", t => t.Foreign(Jws.Header(SecurityAlgorithms.EcdsaSha256, "no-such-key"), t.Claims)),
        new("kid path traversal", t => t.Foreign(Jws.Header(SecurityAlgorithms.EcdsaSha256, "../../../../../../dev/null"), t.Claims)),
        new("kid SQL injection", t => t.Foreign(Jws.Header(SecurityAlgorithms.EcdsaSha256, "x' OR '1'='1"), t.Claims)),
        new("empty kid", t => t.Foreign(Jws.Header(SecurityAlgorithms.EcdsaSha256, ""), t.Claims)),
        new("no kid", t => t.Foreign(Jws.Header(SecurityAlgorithms.EcdsaSha256, null), t.Claims)),
        new("embedded jwk of the attacker's key", t => t.Foreign(With(Jws.Header(SecurityAlgorithms.EcdsaSha256, Attacker.Kid), JwtHeaderParameterNames.Jwk, Attacker.Jwk()), t.Claims)),
        new("embedded jwk under the real kid", t => t.Foreign(With(t.Header(), JwtHeaderParameterNames.Jwk, Attacker.Jwk()), t.Claims)),
        new("jku naming the attacker's JWKS", t => t.Foreign(With(Jws.Header(SecurityAlgorithms.EcdsaSha256, Attacker.Kid), JwtHeaderParameterNames.Jku, Attacker.JwksUrl), t.Claims)),
        new("x5u naming the attacker's certificate", t => t.Foreign(With(Jws.Header(SecurityAlgorithms.EcdsaSha256, null), JwtHeaderParameterNames.X5u, Attacker.CertificateUrl), t.Claims)),
        new("x5c carrying the attacker's certificate", t => t.Foreign(With(Jws.Header(SecurityAlgorithms.EcdsaSha256, null), JwtHeaderParameterNames.X5c,
            new JsonArray(Convert.ToBase64String(Attacker.Certificate.RawData))), t.Claims)),
        new("crit naming an unknown extension", t => t.Foreign(With(With(t.Header(), "crit", new JsonArray("exp-attack")), "exp-attack", true), t.Claims)),

        new("expired", t => t.Foreign(With(With(t.Claims, "exp", Now - 3600), "iat", Now - 7200))),
        new("not yet valid", t => t.Foreign(With(With(t.Claims, "nbf", Now + 3600), "exp", Now + 7200))),
        new("wrong issuer", t => t.Foreign(With(t.Claims, "iss", "https://attacker.example"))),
        new("wrong audience", t => t.Foreign(With(t.Claims, "aud", "https://attacker.example"))),
        new("no audience", t => t.Foreign(Without(t.Claims, "aud"))),
        new("typ JWT instead of at+jwt", t => t.Foreign(Jws.Header(SecurityAlgorithms.EcdsaSha256, t.Kid, "JWT"), t.Claims)),
        new("no typ", t => t.Foreign(Jws.Header(SecurityAlgorithms.EcdsaSha256, t.Kid, typ: null), t.Claims)),

        new("a genuine token bound to another resource", t => t.OtherResourceToken),
        new(GenuineButExpired, t => t.Token == t.Genuine.McpToken ? t.Genuine.ExpiredMcpToken : t.Genuine.ExpiredAccessToken),
        new("a refresh token", t => t.Genuine.RefreshToken),
        new("a client secret", t => t.Genuine.ClientSecret),
        new("an agent credential without its agent id", t => t.Genuine.AgentToken),
        new("an API key", t => t.TakesApiKeys ? null : t.Genuine.ApiKey),
        new("garbage in three parts", _ => "eyJhbGciOiJFUzI1NiJ9.e30.c2ln"),
    ];

    public static Attack Named(string name) => All.Single(a => a.Name == name);

    private static JsonObject With(JsonObject json, string name, JsonNode? value)
    {
        json[name] = value;
        return json;
    }

    private static JsonObject Without(JsonObject json, string name)
    {
        json.Remove(name);
        return json;
    }
}
