using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Platform.TokenAttacks.Tests.Forgery;

/// <summary>
/// The attacker's own P-256 key, its self-signed certificate, and a small web server on loopback publishing both
/// (a JWKS for <c>jku</c>, a PEM for <c>x5u</c>): a service that follows those headers would really find the key,
/// and <see cref="Fetches"/> would count it.
/// </summary>
public static class Attacker
{
    public static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly X509Certificate2 Certificate =
        new CertificateRequest("CN=attacker.example", Key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    public static readonly string Kid = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(Key)).ComputeJwkThumbprint());
    private static readonly Lazy<string> Server = new(Serve);
    private static int _fetches;

    /// <summary>How often anyone fetched the attacker's JWKS or certificate.</summary>
    public static int Fetches => Volatile.Read(ref _fetches);

    public static string JwksUrl => $"{Server.Value}jwks.json";
    public static string CertificateUrl => $"{Server.Value}attacker.pem";

    public static JsonObject Jwk()
    {
        var p = Key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = Kid, ["use"] = "sig", ["alg"] = "ES256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
    }

    private static string Serve()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var prefix = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener { Prefixes = { prefix } };
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                Interlocked.Increment(ref _fetches);
                var body = context.Request.Url!.AbsolutePath.EndsWith(".pem", StringComparison.Ordinal)
                    ? Certificate.ExportCertificatePem()
                    : new JsonObject { ["keys"] = new JsonArray(Jwk()) }.ToJsonString();
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
        return prefix;
    }
}
