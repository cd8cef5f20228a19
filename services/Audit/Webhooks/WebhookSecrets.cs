using System.Security.Cryptography;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Platform.Audit.Webhooks;

/// <summary>
/// Webhook signing secrets: generated here, shown once, then kept protected by ASP.NET Core Data
/// Protection. They must stay recoverable (HMAC needs the secret itself), so they are encrypted, not hashed.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Platform.Audit.Webhooks.SigningSecret.v1");

    public static string Generate() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A Data Protection key, as Data Protection writes it.</summary>
public sealed record DataProtectionKey(string Id, string Xml);

/// <summary>
/// Data Protection's key ring in Audit's schema, so every replica shares it and a restart keeps it.
/// Note: the ring itself is not encrypted at rest here; a deployment adds ProtectKeysWith… (certificate, KMS).
/// </summary>
public sealed class MartenKeyRing(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        // Data Protection's interface is synchronous; it reads the ring rarely (startup, refresh, key creation).
        return [.. session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
