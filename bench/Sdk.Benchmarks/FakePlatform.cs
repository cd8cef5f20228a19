using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Sdk.Benchmarks;

/// <summary>Answers the few platform calls a first (cache-filling) request makes, from memory.</summary>
public sealed class FakePlatform(ECDsa signingKey, string kid) : HttpMessageHandler, IHttpClientFactory
{
    public const string Issuer = "http://platform";
    public Guid KeyId { get; } = Guid.NewGuid();
    public Guid CredentialId { get; } = Guid.NewGuid();

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri(Issuer) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var p = signingKey.ExportParameters(false);
        object body = request.RequestUri!.AbsolutePath switch
        {
            "/api/keys/verify" => new { keyId = KeyId, accountId = Guid.NewGuid(), environment = "live", scopes = new[] { "chat:completions" } },
            "/api/agents/verify" => new { credentialId = CredentialId, agentId = "bench-agent", accountId = Guid.NewGuid(), keyId = KeyId, scopes = new[] { "chat:completions" }, expiresAt = DateTimeOffset.UtcNow.AddHours(1) },
            "/.well-known/oauth-authorization-server" => new { issuer = Issuer, jwks_uri = $"{Issuer}/.well-known/jwks.json" },
            _ => new { keys = new[] { new { kty = "EC", crv = "P-256", use = "sig", alg = "ES256", kid, x = Base64UrlEncoder.Encode(p.Q.X), y = Base64UrlEncoder.Encode(p.Q.Y) } } },
        };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body) });
    }
}
