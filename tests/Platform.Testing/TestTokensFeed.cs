using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.AccessTokens;
using Platform.Sdk.ResourceServer.Credentials;
using Platform.Sdk.ResourceServer.Feeds;
using Platform.Sdk.ResourceServer.Platform;

namespace Platform.Testing;

/// <summary>
/// Tokens' revocation feed (<c>/oauth/changes</c>) as a service host without a Tokens host hears it: <c>ready</c> at
/// once, then what a test <see cref="Publish"/>es. <see cref="Down"/> drops every connection and refuses new ones
/// until <see cref="Up"/>. The EndToEnd tests follow the real feed.
/// </summary>
public sealed class TestTokensFeed
{
    private readonly List<Pipe> _connections = [];
    private volatile bool _down;

    public void Publish(string kind, string data) => Send($"event: {kind}\ndata: {data}\n\n");

    public void Down()
    {
        _down = true;
        lock (_connections)
        {
            foreach (var connection in _connections) connection.Writer.Complete();
            _connections.Clear();
        }
    }

    public void Up() => _down = false;

    /// <summary>A new connection, as <c>GET /oauth/changes</c> answers: for a test that serves Tokens' other routes itself.</summary>
    public HttpResponseMessage Subscribe() => Connect();

    private void Send(string text)
    {
        lock (_connections)
            foreach (var connection in _connections)
            {
                connection.Writer.Write(Encoding.UTF8.GetBytes(text));
                _ = connection.Writer.FlushAsync();
            }
    }

    private HttpResponseMessage Connect()
    {
        if (_down) return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        var pipe = new Pipe();
        lock (_connections)
        {
            pipe.Writer.Write("event: ready\ndata: \n\n"u8);
            _ = pipe.Writer.FlushAsync();
            _connections.Add(pipe);
        }
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>
    /// A host that follows Tokens' feed with ServiceDefaults (not a resource server of the SDK, which has its own routing
    /// and alone registers the agent-token verifier) talks to a Tokens of the test: this feed, and discovery and the JWKS of <see cref="TestAccessTokens"/>, or of the
    /// real Tokens host named by <see cref="ServiceClientRouting.FetchSigningKeysFrom"/>.
    /// </summary>
    internal static void ServeTo(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TokensFeed)) || services.Any(d => d.ServiceType == typeof(AgentTokenVerifier))) return;
        services.AddSingleton<TestTokensFeed>();
        services.AddHttpClient(nameof(TokensApiClient)).ConfigurePrimaryHttpMessageHandler(sp =>
            new Handler(sp.GetRequiredService<TestTokensFeed>(), sp.GetService<RealSigningKeys>()?.Tokens.Server.CreateHandler()));
        services.Configure<PlatformAuthenticationOptions>(o => o.ApiKey ??= "sk_test_the_test_hosts_feeds_key");
    }

    internal sealed record RealSigningKeys(IAlbaHost Tokens);

    private sealed class Handler(TestTokensFeed feed, HttpMessageHandler? realTokens) : DelegatingHandler(realTokens ?? new TestSigningKeys())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            request.RequestUri?.AbsolutePath == "/oauth/changes" ? Task.FromResult(feed.Connect()) : base.SendAsync(request, ct);
    }

    /// <summary>Tokens' discovery and JWKS as <see cref="TestAccessTokens"/> signs.</summary>
    private sealed class TestSigningKeys : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(request.RequestUri?.AbsolutePath switch
        {
            "/.well-known/oauth-authorization-server" => Json($$"""{"issuer":"{{TestAccessTokens.Issuer}}","jwks_uri":"{{TestAccessTokens.Issuer}}/.well-known/jwks.json"}"""),
            "/.well-known/jwks.json" => Json(TestAccessTokens.Jwks),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
