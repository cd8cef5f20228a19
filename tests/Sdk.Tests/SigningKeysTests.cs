using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.AccessTokens;

namespace Platform.Sdk.Tests;

/// <summary>
/// The one JWKS cache (resource servers and the platform's services): a key Tokens has just published is found by the
/// request that names it, forged kids do not make it refetch within the pause, a failed first fetch is not retried on
/// every call, and keys once known stay while Tokens is down. Real time: IdentityModel's manager reads the clock itself.
/// </summary>
public class SigningKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SigningKeys Over(TokensStandIn tokens) =>
        new(tokens, Options.Create(new PlatformAuthenticationOptions()), NullLogger<SigningKeys>.Instance);

    [Fact]
    public async Task the_ring_is_discoverys_issuer_and_the_jwks_fetched_from_where_discovery_came_not_from_the_public_origin()
    {
        var tokens = new TokensStandIn();
        using var keys = Over(tokens);

        var ring = (await keys.ForAsync("k1", Ct)).ShouldNotBeNull();

        ring.Issuer.ShouldBe(TokensStandIn.Issuer);
        ring.Keys.Select(k => k.Kid).ShouldBe(["k1"]);
        tokens.Requests.ShouldBe(["http://tokens-api/.well-known/oauth-authorization-server", "http://tokens-api/.well-known/jwks.json"]);
    }

    [Fact]
    public async Task a_key_published_after_the_first_fetch_is_found_by_the_request_that_names_it_and_forged_kids_then_fetch_nothing()
    {
        var tokens = new TokensStandIn();
        using var keys = Over(tokens);
        (await keys.ForAsync("k1", Ct)).ShouldNotBeNull();

        tokens.Publish("k2");
        (await keys.ForAsync("k2", Ct)).ShouldNotBeNull().Has("k2").ShouldBeTrue("the request naming the new key waits for the refresh it asked for");
        var fetches = tokens.Discoveries;

        for (var i = 0; i < 20; i++) (await keys.ForAsync($"forged-{i}", Ct)).ShouldNotBeNull().Has("k1").ShouldBeTrue();
        tokens.Discoveries.ShouldBe(fetches, $"unknown kids ask again only after {SigningKeys.UnknownKidPause}");
    }

    [Fact]
    public async Task a_failed_first_fetch_is_tried_again_after_a_second_not_on_every_call()
    {
        var tokens = new TokensStandIn { Down = true };
        using var keys = Over(tokens);

        (await keys.ForAsync("k1", Ct)).ShouldBeNull();
        tokens.Down = false;
        (await keys.ForAsync("k1", Ct)).ShouldBeNull("within the second, the failed answer stands");
        tokens.Discoveries.ShouldBe(1);

        await Task.Delay(TimeSpan.FromSeconds(1.1), Ct);
        (await keys.ForAsync("k1", Ct)).ShouldNotBeNull().Has("k1").ShouldBeTrue();
        tokens.Discoveries.ShouldBe(2);
    }

    [Fact]
    public async Task when_tokens_fails_after_answering_once_the_known_keys_stay_and_an_unknown_kid_does_not_wait_long()
    {
        var tokens = new TokensStandIn();
        using var keys = Over(tokens);
        (await keys.ForAsync("k1", Ct)).ShouldNotBeNull();

        tokens.Down = true;
        var started = TimeProvider.System.GetTimestamp();
        (await keys.ForAsync("k2", Ct)).ShouldNotBeNull().Keys.Select(k => k.Kid).ShouldBe(["k1"]);

        tokens.Discoveries.ShouldBe(2, "the unknown kid asked Tokens once more");
        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(1.5), "a failed refresh is not waited out");
    }

    /// <summary>Tokens' discovery (naming a public origin for its JWKS) and JWKS; a refused connection while <see cref="Down"/>.</summary>
    private sealed class TokensStandIn : HttpMessageHandler, IHttpClientFactory
    {
        public const string Issuer = "https://auth.example";
        private readonly List<JsonWebKey> _keys = [Key("k1")];

        public volatile bool Down;
        public int Discoveries;
        public List<string> Requests { get; } = [];

        public void Publish(string kid)
        {
            lock (_keys) _keys.Add(Key(kid));
        }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri("http://tokens-api") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.Add(request.RequestUri!.ToString());
            if (request.RequestUri.AbsolutePath == "/.well-known/oauth-authorization-server") Interlocked.Increment(ref Discoveries);
            if (Down) throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);
            string body;
            lock (_keys)
                body = request.RequestUri.AbsolutePath switch
                {
                    "/.well-known/oauth-authorization-server" => JsonSerializer.Serialize(new { issuer = Issuer, jwks_uri = $"{Issuer}/.well-known/jwks.json" }),
                    "/.well-known/jwks.json" => JsonSerializer.Serialize(new { keys = _keys }),
                    _ => throw new InvalidOperationException($"Tokens has no {request.RequestUri}"),
                };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        }

        private static JsonWebKey Key(string kid) =>
            JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid });
    }
}
