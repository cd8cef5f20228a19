using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Sdk.ResourceServer.AccessTokens;

namespace Platform.Infrastructure.Authentication;

/// <summary>
/// What the management APIs ask of an access token once its signature, type, audience and lifetime are checked
/// (the resource-server SDK's <see cref="AccessTokenVerifier"/>, or Tokens' own key ring): <c>account_id</c>,
/// <c>sub</c> and <c>scope</c> must be there.
/// </summary>
public static class AccessTokenRules
{
    public const string TokenType = "at+jwt";
    public const string AccountId = "account_id", Scope = "scope", ClientId = "client_id", KeyId = "key_id", FamilyId = "fid";
    public const string DefaultAudience = "platform-api";
    public const string Invalid = "Bearer token is missing or has expired";

    /// <summary>A three-part JWS whose header is base64url JSON: what is not an API key.</summary>
    public static bool LooksLikeJwt(string bearer) => bearer.StartsWith("eyJ", StringComparison.Ordinal) && bearer.Count(c => c == '.') == 2;

    /// <summary>The caller a signed, unexpired token names, or why it names none.</summary>
    public static AccessTokenOutcome Read(JsonWebToken jwt, IReadOnlyList<string>? scopes = null) =>
        Read(jwt.Subject, Claim(jwt, AccountId), scopes ?? Claim(jwt, Scope)?.Split(' ', StringSplitOptions.RemoveEmptyEntries), Claim(jwt, ClientId),
            Claim(jwt, KeyId), jwt.Id, Claim(jwt, FamilyId), new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));

    /// <summary>The same, of a token the resource-server SDK verified.</summary>
    public static AccessTokenOutcome Read(VerifiedAccessToken token) =>
        Read(token.Subject, token.AccountId, token.Scopes, token.ClientId, token.KeyId, token.Jti, token.FamilyId, token.ExpiresAt);

    private static AccessTokenOutcome Read(string? subject, string? accountId, IReadOnlyList<string>? scopes, string? clientId, string? keyId, string? jti,
        string? familyId, DateTimeOffset expiresAt)
    {
        if (!Guid.TryParse(accountId, out var account)) return AccessTokenOutcome.Refuse("Bearer token names no account");
        if (subject is not { Length: > 0 }) return AccessTokenOutcome.Refuse("Bearer token names no subject");
        if (scopes is null) return AccessTokenOutcome.Refuse("Bearer token carries no scope");
        var key = Guid.TryParse(keyId, out var k) ? k : (Guid?)null;
        return new(new ValidAccessToken(subject, account, scopes, clientId, key, jti, expiresAt)
            { SignInId = Guid.TryParse(familyId, out var family) ? family : null }, null);
    }

    public static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
