using Microsoft.AspNetCore.Http;
using Platform.Sdk.ResourceServer;
using Platform.Infrastructure.Errors;

namespace Platform.Infrastructure.Authentication;

/// <summary>
/// What a validated access token from Tokens says about its caller. The actor names who acts, as
/// events record it: the API key a token was exchanged for acts as that key, a client_credentials
/// token (subject = client) as its client, and a signed-in user's token as the user.
/// </summary>
public sealed record ValidAccessToken(
    string Subject, Guid AccountId, IReadOnlyList<string> Scopes, string? ClientId, Guid? KeyId, string? Jti, DateTimeOffset ExpiresAt)
{
    /// <summary>The sign-in (refresh family, claim <c>fid</c>) a user's token belongs to; ends when it is revoked.</summary>
    public Guid? SignInId { get; init; }

    public string Actor =>
        KeyId is { } key ? $"key:{key}"
        : Subject == ClientId ? $"client:{ClientId}"
        : $"user:{Subject}";
}

/// <summary>A validated token, or the refusal (401, or 503 when Tokens' keys cannot be had) in the seed's error shape.</summary>
public sealed record AccessTokenOutcome(ValidAccessToken? Token, Refusal? Refusal)
{
    public static AccessTokenOutcome Refuse(string message) => new(null, ApiError.For(StatusCodes.Status401Unauthorized, message));
}

/// <summary>Checks an access token for the management APIs: over Tokens' JWKS, or in Tokens against its own key ring.</summary>
public interface IAccessTokenValidator
{
    Task<AccessTokenOutcome> ValidateAsync(string token, CancellationToken ct);
}
