using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Tokens.Clients;
using Platform.Tokens.Signing;

namespace Platform.Tokens.Tests;

public class SigningKeyRotationTests(TokensFixture fixture) : TokensContext(fixture)
{
    private static readonly TokensOptions Defaults = new();
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SigningKey Key(int generation, DateTimeOffset activatesAt) =>
        new(SigningKey.StreamId(generation), generation, $"kid{generation}", "ES256", "", "", activatesAt, activatesAt, null);

    [Fact]
    public void the_first_key_signs_at_once_and_the_next_is_published_ahead_of_its_turn()
    {
        RotateSigningKeysHandler.Plan([], T0, Defaults).NextActivatesAt.ShouldBe(T0);

        var interval = Defaults.Signing.RotationInterval;
        var ahead = Defaults.Signing.PublishAhead;
        RotateSigningKeysHandler.Plan([Key(1, T0)], T0 + interval - ahead - TimeSpan.FromSeconds(1), Defaults).NextActivatesAt.ShouldBeNull();
        RotateSigningKeysHandler.Plan([Key(1, T0)], T0 + interval - ahead, Defaults).NextActivatesAt.ShouldBe(T0 + interval);
    }

    [Fact]
    public void an_old_key_is_withdrawn_only_after_the_last_token_it_signed_has_expired()
    {
        var next = T0 + Defaults.Signing.RotationInterval;
        var keys = new[] { Key(1, T0), Key(2, next) };
        var lastTokenExpires = next + Defaults.AccessTokenLifetime + Defaults.ClockSkew;

        RotateSigningKeysHandler.Plan(keys, lastTokenExpires - TimeSpan.FromSeconds(1), Defaults).Retire.ShouldBeEmpty();
        RotateSigningKeysHandler.Plan(keys, lastTokenExpires, Defaults).Retire.Select(r => r.Kid).ShouldBe(["kid1"]);
    }

    [Fact]
    public void the_stream_id_of_a_generation_is_fixed_so_racing_replicas_collide()
    {
        SigningKey.StreamId(7).ShouldBe(SigningKey.StreamId(7));
        SigningKey.StreamId(7).ShouldNotBe(SigningKey.StreamId(8));
    }

    [Fact]
    public async Task keys_rotate_while_tokens_signed_by_the_old_key_keep_validating()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var tokens = await TokensFixture.StartTokensAsync(Keys, b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var rotator = tokens.Services.GetRequiredService<SigningKeyRotator>();
        var api = new OAuthClientApi(tokens, Admin);
        var client = await api.RegisterAsync();
        await rotator.RunOnceAsync(Ct);
        var first = Kid(await api.AccessTokenAsync(client));

        // Just inside the publish-ahead window: the next key is in the JWKS, but the first still signs.
        clock.Advance(Defaults.Signing.RotationInterval - Defaults.Signing.PublishAhead + TimeSpan.FromMinutes(1));
        await rotator.RunOnceAsync(Ct);
        var published = await JwksAsync(api);
        published.Count.ShouldBe(2);
        var lastOfFirst = await api.AccessTokenAsync(client);
        Kid(lastOfFirst).ShouldBe(first);

        clock.Advance(Defaults.Signing.PublishAhead);
        await rotator.RunOnceAsync(Ct);
        var second = Kid(await api.AccessTokenAsync(client));
        second.ShouldNotBe(first);
        published.ShouldContain(second);
        (await api.IntrospectAsync(lastOfFirst, client)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();

        clock.Advance(Defaults.AccessTokenLifetime + Defaults.ClockSkew);
        await rotator.RunOnceAsync(Ct);
        (await JwksAsync(api)).ShouldBe([second]);
    }

    [Fact]
    public async Task a_token_already_verified_once_still_ends_at_its_expiry_and_with_its_signing_key()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var tokens = await TokensFixture.StartTokensAsync(Keys, b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var api = new OAuthClientApi(tokens, Admin);
        var client = await api.RegisterAsync();
        await tokens.Services.GetRequiredService<SigningKeyRotator>().RunOnceAsync(Ct);
        async Task<bool> Active(string token) => (await api.IntrospectAsync(token, client)).Json.GetProperty("active").GetBoolean();

        // Introspected twice: the second answer comes from the remembered verification.
        var expiring = await api.AccessTokenAsync(client);
        (await Active(expiring)).ShouldBeTrue();
        (await Active(expiring)).ShouldBeTrue();
        clock.Advance(Defaults.AccessTokenLifetime + Defaults.ClockSkew);
        (await Active(expiring)).ShouldBeFalse("a remembered signature does not extend a token's life");

        var withdrawn = await api.AccessTokenAsync(client);
        (await Active(withdrawn)).ShouldBeTrue();
        var ring = tokens.Services.GetRequiredService<SigningKeyRing>();
        var kept = ring.Published.Where(k => k.Key.Kid != Kid(withdrawn)).Select(k => k.Key).ToList();
        ring.Replace(kept);
        (await Active(withdrawn)).ShouldBeFalse("a token whose signing key is no longer published is checked again, and fails");
    }

    private static string Kid(string token) => new JsonWebToken(token).Kid;

    private static async Task<List<string>> JwksAsync(OAuthClientApi api) =>
        new JsonWebKeySet(await api.Http.GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();
}
