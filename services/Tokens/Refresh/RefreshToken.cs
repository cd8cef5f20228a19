using Platform.Secrets;

namespace Platform.Tokens.Refresh;

/// <summary>
/// Opaque refresh tokens: <c>rt_</c> + the family id (32 hex) + <c>_</c> + 32 random base62 + checksum.
/// The family id in the clear finds the stream without an index; only the hash of the whole token is stored.
/// </summary>
public static class RefreshToken
{
    private const string Prefix = "rt_";

    public static string Generate(Guid familyId) => SecretFormat.Generate(FamilyPrefix(familyId));

    public static Guid? FamilyOf(string token)
    {
        var prefixLength = Prefix.Length + 33;
        if (token.Length <= prefixLength || !token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        if (!Guid.TryParseExact(token.AsSpan(Prefix.Length, 32), "N", out var familyId)) return null;
        return SecretFormat.IsWellFormed(token, FamilyPrefix(familyId)) ? familyId : null;
    }

    private static string FamilyPrefix(Guid familyId) => $"{Prefix}{familyId:N}_";
}
