using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Tokens.Signing;

/// <summary>A published key, ready to sign (private half unprotected in memory only) and to validate.</summary>
public sealed record LoadedSigningKey(SigningKey Key, ECDsaSecurityKey Signing, JsonWebKey Public);

/// <summary>
/// This replica's view of the signing keys: which one signs now, which are published. Every replica
/// decides "which signs" from the same times, so they switch together without coordination.
/// </summary>
public sealed class SigningKeyRing(IDataProtectionProvider protection, ILogger<SigningKeyRing> logger)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;
    private readonly IDataProtector _protector = protection.CreateProtector("Platform.Tokens.SigningKeys.v1");
    private volatile IReadOnlyList<LoadedSigningKey> _keys = [];

    /// <summary>The newest key whose activation time has come.</summary>
    public LoadedSigningKey? Current(DateTimeOffset now) =>
        _keys.Where(k => k.Key.ActivatesAt <= now).MaxBy(k => k.Key.Generation);

    /// <summary>Every key in the JWKS: the one signing, the next one, and older ones whose tokens may live.</summary>
    public IReadOnlyList<LoadedSigningKey> Published => _keys;

    public void Replace(IEnumerable<SigningKey> keys)
    {
        var known = _keys.ToDictionary(k => k.Key.Id);
        _keys = keys.Where(k => k.RetiredAt is null).OrderBy(k => k.Generation)
            .Select(k => known.TryGetValue(k.Id, out var loaded) ? loaded with { Key = k } : Load(k)).OfType<LoadedSigningKey>().ToList();
    }

    public (string PublicKey, string ProtectedPrivateKey, string Kid) CreateKeyMaterial()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ecdsa)).ComputeJwkThumbprint());
        return (Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(_protector.Protect(ecdsa.ExportPkcs8PrivateKey())), kid);
    }

    private LoadedSigningKey? Load(SigningKey key)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey)), out _);
        }
        catch (CryptographicException)
        {
            // The Data Protection key ring lost the key that wrapped it: this key cannot sign here. The
            // health check stays unready if it was the one to sign with; the next rotation replaces it.
            logger.LogError("Signing key {Kid} cannot be unwrapped with this replica's data protection keys", key.Kid);
            ecdsa.Dispose();
            return null;
        }
        var signing = new ECDsaSecurityKey(ecdsa) { KeyId = key.Kid };
        var publicOnly = ECDsa.Create();
        publicOnly.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.PublicKey), out _);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicOnly) { KeyId = key.Kid });
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = key.Algorithm;
        return new LoadedSigningKey(key, signing, jwk);
    }
}
