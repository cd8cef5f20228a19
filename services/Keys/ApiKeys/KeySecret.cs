using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// The API key format: <c>sk_live_</c>/<c>sk_test_</c> + 32 base62 characters from a CSPRNG (190 bits)
/// + a 6-character base62 CRC32 of everything before it, so a scanner or SDK can reject a mistyped or
/// truncated key without a network call (GitHub's token format).
/// </summary>
public static class KeySecret
{
    public const int BodyLength = 32;
    public const int ChecksumLength = 6;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Prefix(KeyEnvironment environment) =>
        environment == KeyEnvironment.Live ? "sk_live_" : "sk_test_";

    public static string Generate(KeyEnvironment environment)
    {
        // GetItems draws each character uniformly: no modulo bias.
        var text = Prefix(environment) + new string(RandomNumberGenerator.GetItems<char>(Base62, BodyLength));
        return text + Checksum(text);
    }

    /// <summary>Shape and checksum only; says nothing about whether the key exists.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> secret)
    {
        var prefixLength = "sk_live_".Length;
        if (secret.Length != prefixLength + BodyLength + ChecksumLength) return false;
        if (!secret.StartsWith("sk_live_") && !secret.StartsWith("sk_test_")) return false;
        foreach (var c in secret[prefixLength..]) if (!char.IsAsciiLetterOrDigit(c)) return false;
        var text = secret[..^ChecksumLength].ToString();
        return secret[^ChecksumLength..].SequenceEqual(Checksum(text));
    }

    /// <summary>What is stored and indexed: the SHA-256 of the whole key, lowercase hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Last4(string secret) => secret[^4..];

    public static string Display(KeyEnvironment environment, string last4) => $"{Prefix(environment)}...{last4}";

    private static string Checksum(string text)
    {
        var value = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(text));
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Base62[(int)(value % 62)];
            value /= 62;
        }
        return new string(digits);
    }
}
