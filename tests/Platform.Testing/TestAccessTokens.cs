using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Infrastructure.Authentication;

namespace Platform.Testing;

/// <summary>
/// Access tokens as Tokens would sign them, with a test key every service host trusts (its JWKS
/// client answers with <see cref="Jwks"/>), and the forgeries a management API must refuse.
/// </summary>
public static class TestAccessTokens
{
    public const string Kid = "test-signing-key";
    public const string Issuer = "https://platform.test";
    public static readonly ECDsaSecurityKey Key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Kid };

    /// <summary>Another key under the same kid: a forged signature.</summary>
    public static readonly ECDsaSecurityKey Stranger = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Kid };

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A signed-in user's token (subject = user, a refresh family), as the dashboard holds.</summary>
    public static string ForUser(Guid userId, Guid accountId, params string[] scopes) => Mint(Claims(userId.ToString(), accountId, scopes, ("fid", Guid.NewGuid().ToString())));

    public static Dictionary<string, object> Claims(string subject, Guid accountId, string[] scopes, params (string Name, string Value)[] extra)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["client_id"] = "dashboard",
            ["account_id"] = accountId.ToString(),
            ["scope"] = string.Join(' ', scopes),
        };
        foreach (var (name, value) in extra) claims[name] = value;
        return claims;
    }

    public static string Mint(Dictionary<string, object> claims, string audience = AccessTokenRules.DefaultAudience, TimeSpan? expiresIn = null,
        SecurityKey? key = null, string algorithm = SecurityAlgorithms.EcdsaSha256, string type = AccessTokenRules.TokenType)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            TokenType = type,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? Key, algorithm),
        });
    }

    /// <summary><c>alg: none</c>: the same claims, no signature.</summary>
    public static string Unsigned(Dictionary<string, object> claims) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = AccessTokenRules.DefaultAudience, Expires = DateTime.UtcNow.AddMinutes(10), NotBefore = DateTime.UtcNow,
            IssuedAt = DateTime.UtcNow, TokenType = AccessTokenRules.TokenType, Claims = claims,
        });

    /// <summary>HS256 keyed with the public key's bytes: the algorithm-confusion forgery.</summary>
    public static string Hs256(Dictionary<string, object> claims) =>
        Mint(claims, key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Jwks.PadRight(64))) { KeyId = Kid }, algorithm: SecurityAlgorithms.HmacSha256);

    public static string Jwks
    {
        get
        {
            var p = Key.ECDsa.ExportParameters(false);
            return $$"""{"keys":[{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"{{Kid}}","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}]}""";
        }
    }

    /// <summary>
    /// The host's Tokens client answers discovery and the JWKS with <see cref="Jwks"/> (a fixture naming a real Tokens
    /// host with <see cref="ServiceClientRouting.FetchSigningKeysFrom"/> overrides this), and its revocation feed is a <see cref="TestTokensFeed"/>.
    /// </summary>
    public static void TrustTestAccessTokens(this IServiceCollection services) => TestTokensFeed.ServeTo(services);
}
