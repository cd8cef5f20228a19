using Platform.ServiceDefaults;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// The API key format: <c>sk_live_</c>/<c>sk_test_</c> + 32 base62 characters from a CSPRNG (190 bits)
/// + a 6-character base62 CRC32 of everything before it, so a scanner or SDK can reject a mistyped or
/// truncated key without a network call (GitHub's token format).
/// </summary>
public static class KeySecret
{
    public const int BodyLength = CheckedSecret.BodyLength;
    public const int ChecksumLength = CheckedSecret.ChecksumLength;

    public static string Prefix(KeyEnvironment environment) =>
        environment == KeyEnvironment.Live ? "sk_live_" : "sk_test_";

    public static string Generate(KeyEnvironment environment) => CheckedSecret.Generate(Prefix(environment));

    /// <summary>Shape and checksum only; says nothing about whether the key exists.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> secret) =>
        CheckedSecret.IsWellFormed(secret, "sk_live_") || CheckedSecret.IsWellFormed(secret, "sk_test_");

    /// <summary>What is stored and indexed: the SHA-256 of the whole key, lowercase hex.</summary>
    public static string Hash(string secret) => CheckedSecret.Hash(secret);

    public static string Last4(string secret) => secret[^4..];

    public static string Display(KeyEnvironment environment, string last4) => $"{Prefix(environment)}...{last4}";
}
