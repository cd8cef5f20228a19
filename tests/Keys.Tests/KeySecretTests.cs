using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Tests;

public class KeySecretTests
{
    [Theory]
    [InlineData(KeyEnvironment.Live, "sk_live_")]
    [InlineData(KeyEnvironment.Test, "sk_test_")]
    public void generated_key_has_prefix_32_base62_chars_and_6_char_checksum(KeyEnvironment environment, string prefix)
    {
        var secret = KeySecret.Generate(environment);

        secret.ShouldMatch($"^{prefix}[0-9A-Za-z]{{32}}[0-9A-Za-z]{{6}}$");
        KeySecret.IsWellFormed(secret).ShouldBeTrue();
    }

    [Fact]
    public void any_single_character_change_breaks_the_checksum()
    {
        var secret = KeySecret.Generate(KeyEnvironment.Live);
        for (var i = "sk_live_".Length; i < secret.Length; i++)
        {
            var chars = secret.ToCharArray();
            chars[i] = chars[i] == 'a' ? 'b' : 'a';
            KeySecret.IsWellFormed(new string(chars)).ShouldBeFalse($"position {i}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk_live_")]
    [InlineData("pk_live_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("sk_live_0123456789abcdefghij ABCDEFGHIJ01234")]
    public void malformed_keys_are_rejected_without_lookup(string candidate) =>
        KeySecret.IsWellFormed(candidate).ShouldBeFalse();

    [Fact]
    public void keys_do_not_repeat()
    {
        var keys = Enumerable.Range(0, 10_000).Select(_ => KeySecret.Generate(KeyEnvironment.Test)).ToHashSet();
        keys.Count.ShouldBe(10_000);
    }

    [Fact]
    public void hash_is_sha256_of_the_whole_key_and_display_keeps_only_the_last_4()
    {
        var secret = KeySecret.Generate(KeyEnvironment.Live);

        KeySecret.Hash(secret).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        KeySecret.Display(KeyEnvironment.Live, KeySecret.Last4(secret)).ShouldBe($"sk_live_...{secret[^4..]}");
        Regex.IsMatch(KeySecret.Hash(secret), "^[0-9a-f]{64}$").ShouldBeTrue();
    }
}
