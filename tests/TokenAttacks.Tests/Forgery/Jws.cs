using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Platform.TokenAttacks.Tests.Forgery;

/// <summary>
/// A compact JWS assembled piece by piece, so that a header or payload can be exactly as malformed as the attack
/// needs; the signatures themselves come from the BCL (ES256 as IEEE P1363, r‖s, which is what JWS uses).
/// </summary>
public static class Jws
{
    public static string Part(JsonNode json) => Base64UrlEncoder.Encode(json.ToJsonString());

    public static JsonObject Payload(string token) => JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();

    public static JsonObject Header(string alg, string? kid, string? typ = OAuth.AccessTokenType)
    {
        var header = new JsonObject { ["alg"] = alg };
        if (kid is not null) header["kid"] = kid;
        if (typ is not null) header["typ"] = typ;
        return header;
    }

    public static string Unsigned(JsonObject header, JsonObject payload, bool trailingDot = true) => $"{Part(header)}.{Part(payload)}" + (trailingDot ? "." : "");

    public static string Es256(JsonObject header, JsonObject payload, ECDsa key)
    {
        var input = $"{Part(header)}.{Part(payload)}";
        return $"{input}.{Base64UrlEncoder.Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256))}";
    }

    public static string Hs256(JsonObject header, JsonObject payload, byte[] secret)
    {
        var input = $"{Part(header)}.{Part(payload)}";
        return $"{input}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)))}";
    }

    /// <summary>The public key a JWKS entry describes, as an attacker holding the JWKS can rebuild it.</summary>
    public static ECDsa PublicKey(JsonElement jwk) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("x").GetString()), Y = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("y").GetString()) },
    });
}
