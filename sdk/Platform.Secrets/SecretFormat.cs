using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Secrets;

/// <summary>
/// The platform's secret format (GitHub's token format): a prefix naming the kind of credential, 32
/// base62 characters from a CSPRNG (190 bits), then a 6-character base62 CRC32 of everything before
/// it, so a scanner, an SDK or a service refuses a mistyped or truncated secret without a lookup.
/// API keys (<c>sk_live_</c>, <c>sk_test_</c>), agent credentials (<c>agent_tok_</c>), client secrets
/// (<c>cs_</c>), authorization codes (<c>ac_</c>) and refresh tokens (<c>rt_</c> + family id) all have it.
/// </summary>
public static class SecretFormat
{
    public const string LiveKeyPrefix = "sk_live_";
    public const string TestKeyPrefix = "sk_test_";
    public const string AgentTokenPrefix = "agent_tok_";
    public const string ClientSecretPrefix = "cs_";
    public const int BodyLength = 32;
    public const int ChecksumLength = 6;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate(string prefix)
    {
        // GetItems draws each character uniformly: no modulo bias.
        var text = prefix + new string(RandomNumberGenerator.GetItems<char>(Base62, BodyLength));
        return text + Checksum(text);
    }

    /// <summary>Prefix, shape and checksum only; says nothing about whether the secret exists.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> secret, string prefix)
    {
        if (secret.Length != prefix.Length + BodyLength + ChecksumLength || !secret.StartsWith(prefix, StringComparison.Ordinal)) return false;
        foreach (var c in secret[prefix.Length..]) if (!char.IsAsciiLetterOrDigit(c)) return false;
        Span<char> checksum = stackalloc char[ChecksumLength];
        WriteChecksum(secret[..^ChecksumLength], checksum);
        return secret[^ChecksumLength..].SequenceEqual(checksum);
    }

    /// <summary>A live or a test API key, well formed.</summary>
    public static bool IsApiKey(ReadOnlySpan<char> secret) => IsWellFormed(secret, LiveKeyPrefix) || IsWellFormed(secret, TestKeyPrefix);

    /// <summary>
    /// What is stored and indexed, and what caches are keyed by: the SHA-256 of the whole secret,
    /// lowercase hex, so a secret never sits in memory longer than its request.
    /// </summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares a presented secret with a stored hash in time independent of where they differ.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>What a listing shows of a secret it no longer has: its prefix and last four characters.</summary>
    public static string Display(string prefix, string last4) => $"{prefix}...{last4}";

    public static string Last4(string secret) => secret[^4..];

    public static string Checksum(string text)
    {
        Span<char> digits = stackalloc char[ChecksumLength];
        WriteChecksum(text, digits);
        return new string(digits);
    }

    /// <summary>On the stack: every verify checks a presented secret's checksum before anything else.</summary>
    private static void WriteChecksum(ReadOnlySpan<char> text, Span<char> digits)
    {
        // Prefix and body are ASCII (checked, or generated so), and short: a few dozen bytes.
        Span<byte> ascii = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        Encoding.ASCII.GetBytes(text, ascii);
        var value = Crc32.HashToUInt32(ascii);
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Base62[(int)(value % 62)];
            value /= 62;
        }
    }
}
