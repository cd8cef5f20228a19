using Platform.Sdk.ResourceServer.Platform;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Platform.Tokens.Accounts;
using Platform.Tokens.Issuance;
using Platform.Tokens.State;
using Platform.Sdk.ResourceServer;

namespace Platform.Tokens.Grants;

/// <summary>
/// An API key becomes a short-lived access token carrying the key's scopes (or a requested subset,
/// never more), no longer-lived than the key, and tied to it by <c>key_id</c> so it dies with the key.
/// Keys answers whether the key is live (and counts the use against its rate limit and usage).
/// </summary>
public static class ApiKeyExchange
{
    public const string GrantName = "api_key_exchange";
    public const string SuspendedKey = "API key's account is suspended";

    public static async Task<(IssuedAccessToken? Token, Refusal? Refusal, string? ScopeProblem)> ExchangeAsync(
        string apiKey, IReadOnlyList<string> requested, KeysApiClient keys, AccessTokenIssuer issuer, Denylist denylist, string issuerUri, string? clientIp,
        CancellationToken ct, string? audience = null)
    {
        var (key, refusal) = await keys.VerifyAsync(apiKey, [], clientIp, ct);
        if (key is null) return (null, refusal!, null);
        // Keys suspends the account's keys too; this holds from the account's own signal, which may come first.
        if (denylist.IsSuspended(key.AccountId)) return (null, ApiError.For(StatusCodes.Status401Unauthorized, SuspendedKey), null);
        var (scopes, scopeError) = ScopeRequest.Narrow(requested, key.Scopes);
        if ((scopeError ?? OperatorScopes.TokenRefusal(key.AccountId, scopes, denylist)) is { } refused) return (null, null, refused.ErrorDescription);
        var subject = key.KeyId.ToString();
        var token = issuer.Issue(new AccessTokenRequest(subject, subject, key.AccountId, scopes, KeyId: key.KeyId, NotAfter: key.ExpiresAt, Audience: audience), issuerUri, GrantName);
        return (token, null, null);
    }
}
