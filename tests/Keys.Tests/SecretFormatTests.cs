using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Keys.ApiKeys;
using Platform.Secrets;

namespace Platform.Keys.Tests;

public class SecretFormatTests
{
    [Theory]
    [InlineData(KeyEnvironment.Live, "sk_live_")]
    [InlineData(KeyEnvironment.Test, "sk_test_")]
    public void generated_key_has_prefix_32_base62_chars_and_6_char_checksum(KeyEnvironment environment, string prefix)
    {
        var secret = SecretFormat.Generate(environment.SecretPrefix());

        secret.ShouldMatch($"^{prefix}[0-9A-Za-z]{{32}}[0-9A-Za-z]{{6}}$");
        SecretFormat.IsApiKey(secret).ShouldBeTrue();
    }

    [Fact]
    public void any_single_character_change_breaks_the_checksum()
    {
        var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        for (var i = "sk_live_".Length; i < secret.Length; i++)
        {
            var chars = secret.ToCharArray();
            chars[i] = chars[i] == 'a' ? 'b' : 'a';
            SecretFormat.IsApiKey(new string(chars)).ShouldBeFalse($"position {i}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk_live_")]
    [InlineData("pk_live_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("sk_live_0123456789abcdefghij ABCDEFGHIJ01234")]
    public void malformed_keys_are_rejected_without_lookup(string candidate) =>
        SecretFormat.IsApiKey(candidate).ShouldBeFalse();

    [Fact]
    public void keys_do_not_repeat()
    {
        var keys = Enumerable.Range(0, 10_000).Select(_ => SecretFormat.Generate(KeyEnvironment.Test.SecretPrefix())).ToHashSet();
        keys.Count.ShouldBe(10_000);
    }

    [Fact]
    public void hash_is_sha256_of_the_whole_key_and_display_keeps_only_the_last_4()
    {
        var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());

        SecretFormat.Hash(secret).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        SecretFormat.Display(KeyEnvironment.Live.SecretPrefix(), SecretFormat.Last4(secret)).ShouldBe($"sk_live_...{secret[^4..]}");
        Regex.IsMatch(SecretFormat.Hash(secret), "^[0-9a-f]{64}$").ShouldBeTrue();
    }

    [Fact]
    public void each_kind_of_secret_is_told_apart_by_its_prefix()
    {
        var agent = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        var client = SecretFormat.Generate(SecretFormat.ClientSecretPrefix);

        SecretFormat.IsWellFormed(agent, SecretFormat.AgentTokenPrefix).ShouldBeTrue();
        SecretFormat.IsApiKey(agent).ShouldBeFalse();
        SecretFormat.IsWellFormed(client, SecretFormat.AgentTokenPrefix).ShouldBeFalse();
        // Same body and checksum under another prefix: the checksum covers the prefix too.
        SecretFormat.IsApiKey(SecretFormat.TestKeyPrefix + SecretFormat.Generate(SecretFormat.LiveKeyPrefix)[SecretFormat.LiveKeyPrefix.Length..]).ShouldBeFalse();
    }

    [Fact]
    public void a_presented_secret_matches_only_its_own_stored_hash()
    {
        var secret = SecretFormat.Generate(SecretFormat.ClientSecretPrefix);

        SecretFormat.Matches(secret, SecretFormat.Hash(secret)).ShouldBeTrue();
        SecretFormat.Matches(SecretFormat.Generate(SecretFormat.ClientSecretPrefix), SecretFormat.Hash(secret)).ShouldBeFalse();
    }
}
