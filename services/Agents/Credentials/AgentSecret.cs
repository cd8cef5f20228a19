using Platform.ServiceDefaults;

namespace Platform.Agents.Credentials;

/// <summary>
/// The agent credential format: <c>agent_tok_</c> + 32 base62 characters from a CSPRNG + a 6-character
/// base62 CRC32 checksum, the same checked format as API keys (<see cref="CheckedSecret"/>).
/// </summary>
public static class AgentSecret
{
    public const string Prefix = "agent_tok_";

    public static string Generate() => CheckedSecret.Generate(Prefix);

    /// <summary>Shape and checksum only; says nothing about whether the credential exists.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> secret) => CheckedSecret.IsWellFormed(secret, Prefix);

    public static string Hash(string secret) => CheckedSecret.Hash(secret);

    public static string Last4(string secret) => secret[^4..];

    public static string Display(string last4) => $"{Prefix}...{last4}";
}
