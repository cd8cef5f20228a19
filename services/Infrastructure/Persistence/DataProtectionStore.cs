using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Infrastructure.Persistence;

/// <summary>One Data Protection key-ring entry, kept in the service's own schema.</summary>
public sealed record DataProtectionKey(string Id, string Xml);

/// <summary>
/// ASP.NET Core Data Protection with its key ring in PostgreSQL, so every replica of a service can
/// unprotect what another protected (secrets at rest, login cookies).
/// Note: in production set DataProtection:Certificate (a PFX path) and :CertificatePassword, so the
/// key ring itself is encrypted at rest; without it the ring is protected only by database access.
/// To replace the certificate, move the old one to DataProtection:PreviousCertificate (and
/// :PreviousCertificatePassword): new ring keys are encrypted with the new one, and the keys the old one
/// encrypted still open until they have expired (docs/deploy.md).
/// </summary>
public static class DataProtectionStore
{
    public static IHostApplicationBuilder AddPlatformDataProtection(this IHostApplicationBuilder builder, string applicationName)
    {
        builder.Services.ConfigureMarten(options => options.Schema.For<DataProtectionKey>());
        var protection = builder.Services.AddDataProtection().SetApplicationName(applicationName);
        if (builder.Configuration["DataProtection:Certificate"] is { Length: > 0 } certificate)
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, builder.Configuration["DataProtection:CertificatePassword"]));
        if (builder.Configuration["DataProtection:PreviousCertificate"] is { Length: > 0 } previous)
            protection.UnprotectKeysWithAnyCertificate(X509CertificateLoader.LoadPkcs12FromFile(previous, builder.Configuration["DataProtection:PreviousCertificatePassword"]));
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IDocumentStore>((options, store) => options.XmlRepository = new MartenXmlRepository(store));
        return builder;
    }

    private sealed class MartenXmlRepository(IDocumentStore store) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            // IXmlRepository is synchronous and Marten 9 only async: block here, at key-ring (re)load only.
            using var session = store.QuerySession();
            return session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var session = store.LightweightSession();
            session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
            // A new key is written once per key lifetime (90 days by default).
            session.SaveChangesAsync().GetAwaiter().GetResult();
        }
    }
}
