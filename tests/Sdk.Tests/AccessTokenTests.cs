using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tokens.State;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Sdk.Tests;

[Collection(nameof(PlatformCollection))]
public sealed class AccessTokenTests(PlatformFixture fixture)
{
    [Fact]
    public async Task an_access_token_from_tokens_is_accepted_for_the_scopes_it_carries()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "insights:read", "plans:read");
        var jwt = await fixture.Tokens.ExchangeAsync(key.Secret);

        (await fixture.Api.SendAsync(s => s.Get.Url("/api/insights/v1/pnl-summary?planId=plan-2026"), jwt)).Status.ShouldBe(200);
        (await fixture.Api.SendAsync(s => s.Get.Url("/api/plans/v1/plans"), jwt)).Status.ShouldBe(200);
        var (status, body, _) = await fixture.Api.ChatAsync(jwt);
        status.ShouldBe(403);
        body.ShouldBeSeedError(403, "Forbidden");
    }

    [Fact]
    public async Task a_token_signed_by_someone_else_is_refused_even_with_a_published_kid()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var genuine = new JsonWebToken(await fixture.Tokens.ExchangeAsync(key.Secret));

        foreach (var kid in new[] { genuine.Kid, "not-a-published-kid" })
        {
            var (status, body, response) = await fixture.Api.ChatAsync(Forge(genuine, kid));
            status.ShouldBe(401, kid);
            body.ShouldBeSeedError(401, "Unauthorized");
            response.Headers.WWWAuthenticate.ToString().ShouldStartWith("Bearer");
        }
    }

    [Fact]
    public async Task an_unsigned_token_is_refused()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var genuine = new JsonWebToken(await fixture.Tokens.ExchangeAsync(key.Secret));
        var unsigned = new JsonWebTokenHandler().CreateToken(genuine.EncodedPayload.Length > 0
            ? System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(genuine.EncodedPayload)) : "{}");

        (await fixture.Api.ChatAsync(unsigned)).Status.ShouldBe(401);
    }

    [Fact]
    public async Task the_access_token_of_a_revoked_key_is_refused_once_the_feed_says_so()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var jwt = await fixture.Tokens.ExchangeAsync(key.Secret);
        (await fixture.Api.ChatAsync(jwt)).Status.ShouldBe(200);

        await fixture.Keys.RevokeAsync(admin, key.Id);

        // Tokens hears of the revocation through its queue; from the moment it knows, so must we.
        var tokensKnows = fixture.Tokens.Services.GetRequiredService<Denylist>();
        await Poll.UntilAsync(() => Task.FromResult(tokensKnows.Key(key.Id)?.IsFinal == true), seconds: 30);
        await Poll.UntilAsync(async () => (await fixture.Api.ChatAsync(jwt)).Status == 401, seconds: 2);
        var (_, body, _) = await fixture.Api.ChatAsync(jwt);
        body.ShouldBeSeedError(401, "Unauthorized");
        body.ShouldContain("revoked");
    }

    /// <summary>The genuine token's claims and header, signed with a key of our own.</summary>
    private static string Forge(JsonWebToken genuine, string kid)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(genuine.EncodedPayload));
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
            new Dictionary<string, object> { ["typ"] = "at+jwt" });
    }
}
