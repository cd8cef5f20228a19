namespace Platform.Tokens.Introspection;

/// <summary>An access token revoked through RFC 7009, refused until it would have expired anyway.</summary>
public sealed record RevokedAccessToken(string Id, DateTimeOffset ExpiresAt);
