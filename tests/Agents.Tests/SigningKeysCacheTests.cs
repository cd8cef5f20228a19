using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.AccessTokens;

namespace Platform.Agents.Tests;

/// <summary>
/// The JWKS cache that every service but Tokens checks access tokens with: a failed first fetch must not leave the
/// service answering 503 for long, and once keys are known, forged kids must not make it refetch more than every ten seconds.
/// </summary>
public class SigningKeysCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_failed_first_fetch_is_tried_again_after_a_second_not_ten()
    {
        var tokens = new TokensStandIn { Down = true };
        var clock = new FakeTimeProvider();
        var keys = new TokensSigningKeys(tokens, clock);

        (await keys.GetAsync("k1", Ct)).ShouldBeNull();
        tokens.Down = false;
        (await keys.GetAsync("k1", Ct)).ShouldBeNull("within the second, the failed answer stands");
        clock.Advance(TimeSpan.FromSeconds(1));

        (await keys.GetAsync("k1", Ct)).ShouldNotBeNull().Single().KeyId.ShouldBe("k1");
        tokens.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task once_keys_are_known_an_unknown_kid_refetches_at_most_every_ten_seconds()
    {
        var tokens = new TokensStandIn();
        var clock = new FakeTimeProvider();
        var keys = new TokensSigningKeys(tokens, clock);
        (await keys.GetAsync("k1", Ct)).ShouldNotBeNull();

        for (var i = 0; i < 9; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            (await keys.GetAsync($"forged-{i}", Ct)).ShouldNotBeNull();
        }
        tokens.Fetches.ShouldBe(1);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await keys.GetAsync("forged", Ct)).ShouldNotBeNull();
        tokens.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task when_tokens_fails_after_answering_once_the_known_keys_stay()
    {
        var tokens = new TokensStandIn();
        var clock = new FakeTimeProvider();
        var keys = new TokensSigningKeys(tokens, clock);
        (await keys.GetAsync("k1", Ct)).ShouldNotBeNull();

        tokens.Down = true;
        clock.Advance(TimeSpan.FromMinutes(6));

        (await keys.GetAsync("k1", Ct)).ShouldNotBeNull().Single().KeyId.ShouldBe("k1");
        tokens.Fetches.ShouldBe(2);
    }

    /// <summary>Tokens' JWKS route, or a refused connection while <see cref="Down"/>.</summary>
    private sealed class TokensStandIn : HttpMessageHandler, IHttpClientFactory
    {
        private static readonly string Jwks = JsonSerializer.Serialize(new
        {
            keys = new[] { JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k1" }) },
        });

        public volatile bool Down;
        public int Fetches;

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri("http://tokens-api") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Fetches);
            if (Down) throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);
            request.RequestUri!.AbsolutePath.ShouldBe("/.well-known/jwks.json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Jwks) });
        }
    }
}
