using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Tokens.Signing;

namespace Platform.Tokens.Issuance;

/// <summary>
/// What an access token says: who (the subject), for which client and account, with which scopes.
/// KeyId is set when the token was exchanged for an API key (it dies with that key); FamilyId when it
/// came from a sign-in (it dies with the refresh family); NotAfter is the parent credential's own expiry;
/// Lifetime replaces <see cref="TokensOptions.AccessTokenLifetime"/> (shorter for the console's sessions).
/// </summary>
public sealed record AccessTokenRequest(
    string Subject, string ClientId, Guid AccountId, IReadOnlyList<string> Scopes,
    Guid? KeyId = null, Guid? FamilyId = null, DateTimeOffset? NotAfter = null, string? Audience = null, TimeSpan? Lifetime = null);

public sealed record IssuedAccessToken(string Token, int ExpiresIn, string Scope);

/// <summary>RFC 9068 JWT access tokens: <c>typ: at+jwt</c>, ES256, the current key's <c>kid</c>.</summary>
public sealed class AccessTokenIssuer(SigningKeyRing ring, IOptions<TokensOptions> options, TimeProvider clock, IssuanceMeter meter)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedAccessToken Issue(AccessTokenRequest request, string issuer, string grantType)
    {
        var now = clock.GetUtcNow();
        var key = ring.Current(now) ?? throw new InvalidOperationException("No signing key is active yet");
        var expires = now + (request.Lifetime ?? options.Value.AccessTokenLifetime);
        if (request.NotAfter < expires) expires = request.NotAfter.Value;
        var scope = string.Join(' ', request.Scopes);
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = request.Subject,
            [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7().ToString("N"),
            [TokenClaims.ClientId] = request.ClientId,
            [TokenClaims.Scope] = scope,
            [TokenClaims.AccountId] = request.AccountId.ToString(),
        };
        if (request.KeyId is { } keyId) claims[TokenClaims.KeyId] = keyId.ToString();
        if (request.FamilyId is { } familyId) claims[TokenClaims.FamilyId] = familyId.ToString();
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = request.Audience ?? options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = TokenClaims.AccessTokenType,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.Signing, SigningKeyRing.Algorithm),
        });
        meter.Issued(grantType);
        return new IssuedAccessToken(token, (int)Math.Max(0, Math.Floor((expires - now).TotalSeconds)), scope);
    }
}
