using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Sdk.ResourceServer;

/// <summary>
/// The platform's secret format: prefix, 32 base62 characters, then a 6-character base62 CRC32 of what
/// precedes it, so a mistyped or truncated secret is refused here without a call to the platform.
/// </summary>
public static class SecretFormat
{
    public const string LiveKey = "sk_live_", TestKey = "sk_test_", AgentToken = "agent_tok_";
    private const int BodyLength = 32, ChecksumLength = 6;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static bool IsWellFormed(string secret, string prefix)
    {
        if (secret.Length != prefix.Length + BodyLength + ChecksumLength || !secret.StartsWith(prefix, StringComparison.Ordinal)) return false;
        foreach (var c in secret.AsSpan(prefix.Length)) if (!char.IsAsciiLetterOrDigit(c)) return false;
        var value = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(secret[..^ChecksumLength]));
        for (var i = secret.Length - 1; i >= secret.Length - ChecksumLength; i--)
        {
            if (secret[i] != Base62[(int)(value % 62)]) return false;
            value /= 62;
        }
        return true;
    }

    /// <summary>What the caches are keyed by: a secret never sits in this process's memory longer than its request.</summary>
    public static string Fingerprint(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
