using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.AccessTokens;

/// <summary>
/// The checks every service applies to Tokens' access tokens (RFC 9068): ES256 only (no <c>none</c>,
/// no HMAC confusion), <c>typ</c> at+jwt, a known <c>kid</c>, the audience, exp/nbf with 30 s of skew;
/// then <c>account_id</c>, <c>sub</c> and <c>scope</c> must be there.
/// </summary>
public static class AccessTokenRules
{
    public const string TokenType = "at+jwt";
    public const string AccountId = "account_id", Scope = "scope", ClientId = "client_id", KeyId = "key_id", FamilyId = "fid";
    public const string DefaultAudience = "platform-api";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    public const string Invalid = "Bearer token is missing or has expired";
    public const string Malformed = "Bearer token is malformed";

    /// <summary>A three-part JWS whose header is base64url JSON: what is not an API key.</summary>
    public static bool LooksLikeJwt(string bearer) => bearer.StartsWith("eyJ", StringComparison.Ordinal) && bearer.Count(c => c == '.') == 2;

    public static TokenValidationParameters Parameters(IEnumerable<SecurityKey> keys, IEnumerable<string> audiences, TimeProvider clock) => new()
    {
        // Note: the issuer is not compared: it is the public origin Tokens is reached at, and only Tokens
        // holds the keys of its JWKS (fetched from it directly), so a valid signature already says who issued it.
        ValidateIssuer = false,
        ValidAudiences = audiences,
        IssuerSigningKeys = keys,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = [TokenType],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        // The service's clock, not the machine's: tests move it, and the same instant judges exp and nbf.
        LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && now < exp + p.ClockSkew && (notBefore is not { } nbf || now >= nbf - p.ClockSkew);
        },
    };

    /// <summary>The caller a signed, unexpired token names, or why it names none.</summary>
    public static AccessTokenOutcome Read(JsonWebToken jwt, IReadOnlyList<string>? scopes = null)
    {
        if (!Guid.TryParse(Claim(jwt, AccountId), out var account)) return AccessTokenOutcome.Refuse("Bearer token names no account");
        if (jwt.Subject is not { Length: > 0 } subject) return AccessTokenOutcome.Refuse("Bearer token names no subject");
        if (Claim(jwt, Scope) is not { } scope) return AccessTokenOutcome.Refuse("Bearer token carries no scope");
        var keyId = Guid.TryParse(Claim(jwt, KeyId), out var k) ? k : (Guid?)null;
        return new(new ValidAccessToken(subject, account, scopes ?? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), Claim(jwt, ClientId), keyId,
            jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)) { SignInId = Guid.TryParse(Claim(jwt, FamilyId), out var family) ? family : null }, null);
    }

    public static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
