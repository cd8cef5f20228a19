using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.AccessTokens;
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

    /// <summary>A host that follows Tokens' feed with ServiceDefaults (not a resource server of the SDK, which has its own routing) hears this one.</summary>
    internal static void ServeTo(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TokensFeed)) || services.Any(d => d.ServiceType == typeof(AccessTokenVerifier))) return;
        services.AddSingleton<TestTokensFeed>();
        services.AddHttpClient(nameof(TokensApiClient)).ConfigurePrimaryHttpMessageHandler(sp => new Handler(sp.GetRequiredService<TestTokensFeed>()));
        services.Configure<PlatformAuthenticationOptions>(o => o.ApiKey ??= "sk_test_the_test_hosts_feeds_key");
    }

    private sealed class Handler(TestTokensFeed feed) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(feed.Connect());
    }
}
