using Platform.Agents.Parents;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.AccessTokens;

namespace Platform.Agents.Access;

/// <summary>
/// Who calls a management endpoint, for which account: an API key (<c>key:{id}</c>) or the holder of an
/// access token from Tokens (a dashboard user: <c>user:{sub}</c>), either with keys:manage (or admin).
/// </summary>
public sealed record ManagementCaller(string Actor, Guid AccountId)
{
    public const string Scope = Scopes.KeysManage;
}

/// <summary>
/// Authenticates management calls: an API key is checked by Keys (its 401, 403 or 429 passed on), an
/// access token here against Tokens' JWKS. Note: an agent credential never manages agent credentials,
/// not even its own children.
/// </summary>
public sealed class ManagementCallers(KeysClients keys, IAccessTokenValidator tokens)
{
    public async Task<(ManagementCaller? Caller, IResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        var bearer = BearerHeader.Read(request, out var problem);
        if (bearer is null) return (null, Unauthorized(problem ?? "API key is missing"));
        if (AccessTokenRules.LooksLikeJwt(bearer)) return await FromAccessTokenAsync(bearer, ct);
        if (!bearer.StartsWith("sk_", StringComparison.Ordinal)) return (null, Unauthorized("Managing agent credentials needs an API key or an access token"));
        var (key, refusal) = await keys.VerifyAsync(bearer, [ManagementCaller.Scope], ct);
        return key is null ? (null, refusal) : (new ManagementCaller($"key:{key.KeyId}", key.AccountId), null);
    }

    private async Task<(ManagementCaller?, IResult?)> FromAccessTokenAsync(string bearer, CancellationToken ct)
    {
        var outcome = await tokens.ValidateAsync(bearer, ct);
        if (outcome.Token is not { } token) return (null, Results.Json(outcome.Refusal, statusCode: outcome.Refusal!.StatusCode));
        if (!token.Scopes.Contains(ManagementCaller.Scope) && !token.Scopes.Contains(Scopes.Admin))
            return (null, ApiError.Result(StatusCodes.Status403Forbidden, $"Access token lacks the required scope '{ManagementCaller.Scope}'"));
        return (new ManagementCaller(token.Actor, token.AccountId), null);
    }

    /// <summary>The revocation feed's subscriber: a key with feeds:read, keys:manage or admin.</summary>
    public async Task<IResult?> AuthenticateFeedReaderAsync(HttpRequest request, CancellationToken ct)
    {
        var bearer = BearerHeader.Read(request, out var problem);
        if (bearer is null) return Unauthorized(problem ?? "API key is missing");
        if (!bearer.StartsWith("sk_", StringComparison.Ordinal)) return Unauthorized("The feed needs an API key");
        var (key, refusal) = await keys.VerifyAsync(bearer, [], ct);
        if (key is null) return refusal;
        return new[] { Scopes.FeedsRead, ManagementCaller.Scope, Scopes.Admin }.Any(key.Scopes.Contains)
            ? null
            : ApiError.Result(StatusCodes.Status403Forbidden, $"API key lacks the required scope '{Scopes.FeedsRead}'");
    }

    private static IResult Unauthorized(string message) => ApiError.Result(StatusCodes.Status401Unauthorized, message);
}
