using Platform.Agents.Access;
using Platform.Infrastructure.Errors;

namespace Platform.Agents.Parents;

/// <summary>
/// A key named by id as parent, for a caller who manages the account's keys (keys:manage or admin: an
/// API key or a signed-in person's access token) but does not hold that key's secret, as the console.
/// It is no escalation: whoever may manage keys may issue one with any scopes. The credential follows
/// the key exactly as one minted with its secret: its scopes and expiry bound it, its revocation ends it.
/// </summary>
public sealed class ManagedKeyParents(KeyReader keys)
{
    public async Task<ParentResolution> ResolveAsync(HttpRequest request, string bearer, Guid keyId, CancellationToken ct)
    {
        // The scheme's own 401 or 403 was answered by the endpoint's Before step; this is its caller, already admitted.
        var (manager, _) = await AgentsManagement.AuthenticateAsync(request.HttpContext);
        if (manager is null) return new(null, ApiError.Result(StatusCodes.Status403Forbidden, "minting under a key by id needs keys:manage"));
        var (key, keyRefusal) = await keys.GetKeyAsync(bearer, keyId, ct);
        if (key is null) return new(null, keyRefusal);
        if (key.AccountId != manager.AccountId) return new(null, ApiError.NotFound($"no key {keyId}"));
        if (key.Status != "active") return new(null, ApiError.Result(StatusCodes.Status409Conflict, $"the key is {key.Status}: agent credentials are minted only under an active key"));
        return new(new Parent(Parent.ApiKey, key.Id, key.AccountId, key.Id, key.Scopes, key.ExpiresAt) { MintedBy = manager.Actor }, null);
    }
}
