using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

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
