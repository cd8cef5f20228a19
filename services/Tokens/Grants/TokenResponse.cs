using System.Text.Json.Serialization;
using Platform.Infrastructure.Persistence;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.Grants;

/// <summary>RFC 6749 §5.1 (and RFC 8693 §2.2.1 for <see cref="IssuedTokenType"/>).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null,
    [property: JsonPropertyName("issued_token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IssuedTokenType = null)
{
    [JsonPropertyName("token_type")]
    public string TokenType => "Bearer";
}

/// <summary>
/// A grant's outcome: a token response, or the RFC 6749 §5.2 error; what it writes, which Wolverine commits before
/// either is sent (a write that lost a race fails the commit, and the token never leaves); and a refresh family it ended.
/// </summary>
public readonly record struct GrantResult(TokenResponse? Token, Protocol.OAuthError? Error)
{
    public Fanout? Writes { get; init; }

    public FamilyEnding? Ended { get; init; }

    public static implicit operator GrantResult(TokenResponse token) => new(token, null);

    public static implicit operator GrantResult(Protocol.OAuthError error) => new(null, error);
}
