using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Signing;

/// <summary>RFC 7517 §5: a JWK Set, each key as its public members only.</summary>
public sealed record PublishedKeys(IReadOnlyList<Dictionary<string, string>> Keys);

public static class JwksEndpoint
{
    /// <summary>
    /// Every published public key: the one signing, the next one (before it signs) and older ones
    /// whose tokens may still be alive. Cacheable for less than the publish-ahead time.
    /// </summary>
    [WolverineGet("/.well-known/jwks.json")]
    public static Ok<PublishedKeys> Get(SigningKeyRing ring, HttpResponse response)
    {
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new PublishedKeys([.. ring.Published.Select(k => ToJson(k.Public))]));
    }

    // Only public members of an EC key: kty, crv, x, y, kid, use, alg.
    private static Dictionary<string, string> ToJson(JsonWebKey key) => new()
    {
        [JsonWebKeyParameterNames.Kty] = key.Kty,
        [JsonWebKeyParameterNames.Crv] = key.Crv,
        [JsonWebKeyParameterNames.X] = key.X,
        [JsonWebKeyParameterNames.Y] = key.Y,
        [JsonWebKeyParameterNames.Kid] = key.Kid,
        [JsonWebKeyParameterNames.Use] = key.Use,
        [JsonWebKeyParameterNames.Alg] = key.Alg,
    };
}
