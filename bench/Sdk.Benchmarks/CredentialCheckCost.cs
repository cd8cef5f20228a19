using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.AccessTokens;
using Platform.Sdk.ResourceServer.Caching;
using Platform.Sdk.ResourceServer.Credentials;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Secrets;

namespace Platform.Sdk.Benchmarks;

/// <summary>
/// What a request costs a resource server once its feeds are up, per credential kind: a cached API key
/// or agent token (checksum, SHA-256, one dictionary read), and an access token validated locally
/// (ES256 signature, claims, denylist). Baseline: SHA-256 of the secret, which no check can skip.
/// </summary>
[MemoryDiagnoser]
public class CredentialCheckCost
{
    private ApiKeyVerifier _apiKeys = null!;
    private AgentTokenVerifier _agents = null!;
    private AccessTokenVerifier _accessTokens = null!;
    private string _key = null!, _agentToken = null!, _jwt = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signing = ECDsa.Create(ecdsa.ExportParameters(true));
        var platform = new FakePlatform(signing, "bench-kid");
        var options = Options.Create(new PlatformAuthenticationOptions { CacheTtl = TimeSpan.FromHours(1) });
        var keyCache = new AcceptanceCache<VerifiedKey>(TimeProvider.System);
        var agentCache = new AcceptanceCache<VerifiedAgent>(TimeProvider.System);
        keyCache.Reset(enabled: true);
        agentCache.Reset(enabled: true);
        var denylist = new TokenDenylist();
        denylist.Reset(live: true);
        _apiKeys = new ApiKeyVerifier(new KeysApiClient(platform), keyCache, options, TimeProvider.System);
        _agents = new AgentTokenVerifier(platform, agentCache, options, TimeProvider.System);
        _accessTokens = new AccessTokenVerifier(new SigningKeys(platform, options, NullLogger<SigningKeys>.Instance), denylist, options, TimeProvider.System);

        _key = SecretFormat.Generate(SecretFormat.LiveKeyPrefix);
        _agentToken = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        _jwt = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = FakePlatform.Issuer,
            Audience = "platform-api",
            TokenType = "at+jwt",
            Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", "client"), new Claim("scope", "chat:completions"), new Claim("jti", Guid.NewGuid().ToString())]),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signing) { KeyId = "bench-kid" }, SecurityAlgorithms.EcdsaSha256),
        });
        // The first request of each kind fills the cache (or fetches the JWKS); every later one is measured.
        foreach (var check in new[] { ApiKey(), AgentToken(), AccessToken() })
            if ((await check).Principal is null) throw new InvalidOperationException("the warm-up request was refused");
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfTheSecret() => SHA256.HashData(Encoding.UTF8.GetBytes(_key));

    [Benchmark]
    public Task<ResourceServer.Credentials.CredentialCheck> ApiKey() => _apiKeys.CheckAsync(_key, null, CancellationToken.None);

    [Benchmark]
    public Task<ResourceServer.Credentials.CredentialCheck> AgentToken() => _agents.CheckAsync(_agentToken, "bench-agent", CancellationToken.None);

    [Benchmark]
    public Task<ResourceServer.Credentials.CredentialCheck> AccessToken() => _accessTokens.CheckAsync(_jwt, CancellationToken.None);
}
