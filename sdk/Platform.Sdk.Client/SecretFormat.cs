using System.IO.Hashing;
using System.Text;

namespace Platform.Sdk.Client;

/// <summary>
/// The platform's checked secret format, checked locally: prefix, 32 base62 characters, then the
/// 6-character base62 CRC32 of everything before it. A typo or a truncated paste fails here, not on the wire.
/// </summary>
public static class SecretFormat
{
    public const string LiveKeyPrefix = "sk_live_";
    public const string TestKeyPrefix = "sk_test_";
    public const string AgentTokenPrefix = "agent_tok_";
    public const string ClientSecretPrefix = "cs_";
    private const int BodyLength = 32;
    private const int ChecksumLength = 6;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static bool IsApiKey(string? secret) => IsWellFormed(secret, LiveKeyPrefix) || IsWellFormed(secret, TestKeyPrefix);

    public static bool IsWellFormed(string? secret, string prefix)
    {
        if (secret is null || secret.Length != prefix.Length + BodyLength + ChecksumLength || !secret.StartsWith(prefix, StringComparison.Ordinal)) return false;
        foreach (var c in secret.AsSpan(prefix.Length)) if (!char.IsAsciiLetterOrDigit(c)) return false;
        return secret.AsSpan(secret.Length - ChecksumLength).SequenceEqual(Checksum(secret[..^ChecksumLength]));
    }

    internal static string Checksum(string text)
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
