using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Tokens.Signing;

public static class JwksEndpoint
{
    /// <summary>
    /// Every published public key: the one signing, the next one (before it signs) and older ones
    /// whose tokens may still be alive. Cacheable for less than the publish-ahead time.
    /// </summary>
    [ProducesResponseType<Dictionary<string, List<Dictionary<string, string>>>>(StatusCodes.Status200OK)]
    [WolverineGet("/.well-known/jwks.json")]
    public static IResult Get(SigningKeyRing ring, HttpResponse response)
    {
        response.Headers.CacheControl = "public, max-age=300";
        var keys = ring.Published.Select(k => ToJson(k.Public)).ToList();
        return Results.Json(new { keys });
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
