using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Infrastructure.Persistence;
using Platform.Testing;

namespace Platform.Tokens.Tests;

/// <summary>
/// The key ring encrypted at rest with a certificate, and that certificate replaced: what the old one protected
/// opens once it is named as the previous certificate, and not without it (Tokens' signing keys, Audit's webhook
/// secrets and the dashboard's sessions are all behind this ring). Each host has a schema of its own, so no other
/// test's ring meets these certificates.
/// </summary>
public sealed class DataProtectionCertificateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dp-certificates-").FullName;
    private readonly string _schema = $"dp_{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task a_replaced_certificate_still_opens_the_ring_as_the_previous_one_and_only_then()
    {
        var (old, oldPassword) = Certificate("old");
        var (@new, newPassword) = Certificate("new");
        string protectedSecret;
        using (var before = await StartAsync(new() { ["DataProtection:Certificate"] = old, ["DataProtection:CertificatePassword"] = oldPassword }))
            protectedSecret = Protector(before).Protect("signing key material");

        using (var rotated = await StartAsync(new()
        {
            ["DataProtection:Certificate"] = @new, ["DataProtection:CertificatePassword"] = newPassword,
            ["DataProtection:PreviousCertificate"] = old, ["DataProtection:PreviousCertificatePassword"] = oldPassword,
        }))
        {
            Protector(rotated).Unprotect(protectedSecret).ShouldBe("signing key material");
        }

        using var withoutPrevious = await StartAsync(new() { ["DataProtection:Certificate"] = @new, ["DataProtection:CertificatePassword"] = newPassword });
        Should.Throw<CryptographicException>(() => Protector(withoutPrevious).Unprotect(protectedSecret));
    }

    private static IDataProtector Protector(IHost host) => host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

    private async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        var connectionString = await TestDatabase.ConnectionStringAsync();
        builder.Services.AddMarten(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = _schema;
        }).ApplyAllDatabaseChangesOnStartup();
        builder.AddPlatformDataProtection("certificate-test");
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected PFX file.</summary>
    private (string Path, string Password) Certificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var path = System.IO.Path.Combine(_folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
