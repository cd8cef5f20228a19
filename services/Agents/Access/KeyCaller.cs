using Platform.Agents.Parents;
using Platform.Contracts;
using Platform.ServiceDefaults;

namespace Platform.Agents.Access;

/// <summary>Who calls a management endpoint: an API key with keys:manage (or admin) of this account.</summary>
public sealed record KeyCaller(Guid KeyId, Guid AccountId)
{
    public const string Scope = Scopes.KeysManage;

    public string Actor => $"key:{KeyId}";

    /// <summary>
    /// Keys checks the key and the scope (admin holds every scope); its 401, 403 or 429 is passed on.
    /// Note: an agent credential never manages agent credentials, not even its own children.
    /// </summary>
    public static async Task<(KeyCaller? Caller, IResult? Refusal)> AuthenticateAsync(HttpRequest request, KeysClients keys, CancellationToken ct)
    {
        var bearer = BearerHeader.Read(request, out var problem);
        if (bearer is null) return (null, Unauthorized(problem ?? "API key is missing"));
        if (!bearer.StartsWith("sk_", StringComparison.Ordinal)) return (null, Unauthorized("Managing agent credentials needs an API key"));
        var (key, refusal) = await keys.VerifyAsync(bearer, [Scope], ct);
        return key is null ? (null, refusal) : (new KeyCaller(key.KeyId, key.AccountId), null);
    }

    /// <summary>The revocation feed's subscriber: a key with feeds:read, keys:manage or admin.</summary>
    public static async Task<IResult?> AuthenticateFeedReaderAsync(HttpRequest request, KeysClients keys, CancellationToken ct)
    {
        var bearer = BearerHeader.Read(request, out var problem);
        if (bearer is null) return Unauthorized(problem ?? "API key is missing");
        if (!bearer.StartsWith("sk_", StringComparison.Ordinal)) return Unauthorized("The feed needs an API key");
        var (key, refusal) = await keys.VerifyAsync(bearer, [], ct);
        if (key is null) return refusal;
        return new[] { Scopes.FeedsRead, Scope, Scopes.Admin }.Any(key.Scopes.Contains)
            ? null
            : ApiError.Result(StatusCodes.Status403Forbidden, $"API key lacks the required scope '{Scopes.FeedsRead}'");
    }

    private static IResult Unauthorized(string message) => ApiError.Result(StatusCodes.Status401Unauthorized, message);
}
