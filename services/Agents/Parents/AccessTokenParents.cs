using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults;

namespace Platform.Agents.Parents;

/// <summary>
/// An access token from Tokens as parent: checked here against Tokens' JWKS, no call per mint. Its
/// scopes bound the credential, its <c>exp</c> bounds the lifetime, and when it was exchanged for an
/// API key (<c>key_id</c>) the credential follows that key's authority like one minted from the key.
/// </summary>
public sealed class AccessTokenParents(AccessTokenKeys signingKeys, IConfiguration configuration, TimeProvider clock) : IParentResolver
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public bool Accepts(string bearer) => bearer.StartsWith("eyJ", StringComparison.Ordinal) && bearer.Count(c => c == '.') == 2;

    public async Task<ParentResolution> ResolveAsync(string bearer, CancellationToken ct)
    {
        string? kid;
        try
        {
            kid = new JsonWebToken(bearer).Kid;
        }
        catch (ArgumentException)
        {
            return Refuse("Bearer token is malformed");
        }
        if (await signingKeys.GetAsync(kid, ct) is not { } keys)
            return new(null, ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Token signing keys are unavailable; retry shortly"));

        var result = await Handler.ValidateTokenAsync(bearer, Parameters(keys));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return Refuse("Bearer token is missing or has expired");
        if (!Guid.TryParse(Claim(jwt, "account_id"), out var account)) return Refuse("Bearer token names no account");
        var scopes = Claim(jwt, "scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var keyId = Guid.TryParse(Claim(jwt, "key_id"), out var k) ? k : Guid.Empty;
        var id = Guid.TryParse(jwt.Id, out var jti) ? jti : Guid.Empty;
        return new(new Parent(Parent.AccessToken, id, account, keyId, scopes, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)), null);
    }

    private TokenValidationParameters Parameters(IReadOnlyList<SecurityKey> keys) => new()
    {
        // Note: the issuer is not compared: it is the public origin Tokens is reached at, and only Tokens
        // holds the keys of this JWKS (fetched from it directly), so a valid signature already says who issued it.
        ValidateIssuer = false,
        ValidAudience = configuration["Agents:TokenAudience"] ?? "platform-api",
        IssuerSigningKeys = keys,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = ["at+jwt"],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && now < exp + p.ClockSkew && (notBefore is not { } nbf || now >= nbf - p.ClockSkew);
        },
    };

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private static ParentResolution Refuse(string message) => new(null, ApiError.Result(StatusCodes.Status401Unauthorized, message));
}
