namespace Platform.Tokens.Issuance;

/// <summary>Claim names of our access tokens beyond the registered JWT ones (RFC 9068 §2.2, RFC 8693 §4.2).</summary>
public static class TokenClaims
{
    public const string AccessTokenType = "at+jwt";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string AccountId = "account_id";

    /// <summary>The API key a token was exchanged for: introspection refuses the token once the key stops.</summary>
    public const string KeyId = "key_id";

    /// <summary>The refresh family (sign-in) a token belongs to: revoking the family ends its access tokens too.</summary>
    public const string FamilyId = "fid";
}
