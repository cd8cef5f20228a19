using Platform.Sdk.ResourceServer.Platform;
using Platform.Infrastructure.Errors;

namespace Platform.Agents.Parents;

/// <summary>An API key as parent: Keys verifies it and says what it holds.</summary>
public sealed class ApiKeyParents(KeysApiClient keys) : IParentResolver
{
    public bool Accepts(string bearer) => bearer.StartsWith("sk_", StringComparison.Ordinal);

    public async Task<ParentResolution> ResolveAsync(string bearer, CancellationToken ct)
    {
        var (key, refusal) = await keys.VerifyAsync(bearer, [], null, ct);
        return key is null
            ? new(null, ApiError.Result(refusal!))
            : new(new Parent(Parent.ApiKey, key.KeyId, key.AccountId, key.KeyId, key.Scopes, key.ExpiresAt), null);
    }
}
