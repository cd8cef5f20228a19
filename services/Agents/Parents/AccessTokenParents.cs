using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;

namespace Platform.Agents.Parents;

/// <summary>
/// An access token from Tokens as parent: checked here against Tokens' JWKS, no call per mint. Its
/// scopes bound the credential, its <c>exp</c> bounds the lifetime, and when it was exchanged for an
/// API key (<c>key_id</c>) the credential follows that key's authority like one minted from the key.
/// </summary>
public sealed class AccessTokenParents(IAccessTokenValidator tokens) : IParentResolver
{
    public bool Accepts(string bearer) => AccessTokenRules.LooksLikeJwt(bearer);

    public async Task<ParentResolution> ResolveAsync(string bearer, CancellationToken ct)
    {
        var outcome = await tokens.ValidateAsync(bearer, ct);
        if (outcome.Token is not { } token) return new(null, ApiError.Result(outcome.Refusal!));
        var id = Guid.TryParse(token.Jti, out var jti) ? jti : Guid.Empty;
        return new(new Parent(Parent.AccessToken, id, token.AccountId, token.KeyId ?? Guid.Empty, [.. token.Scopes], token.ExpiresAt) { SignInId = token.SignInId }, null);
    }
}
