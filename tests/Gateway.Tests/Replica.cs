using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Gateway.Tests;

/// <summary>
/// One replica of a service on a real loopback port: echoes what it is sent and remembers it, can
/// be stopped and started again on the same port, can report not ready, or die mid-request.
/// </summary>
public sealed class Replica(string name, int port) : IAsyncDisposable
{
    private WebApplication? _app;
    private int _probes;

    public string Name => name;
    public string Address => $"http://127.0.0.1:{port}";
    public bool Listening => _app is not null;
    public ConcurrentQueue<Received> Requests { get; } = new();
    public int Probes => Volatile.Read(ref _probes);

    /// <summary>Answers /health with 503, as a restarted service does until it is ready.</summary>
    public bool Ready { get; set; } = true;

    /// <summary>Reads each request, then drops the connection without answering, as a process killed mid-request.</summary>
    public bool DiesMidRequest { get; init; }

    public static async Task<Replica> StartAsync(string name, bool diesMidRequest = false)
    {
        var replica = new Replica(name, FreePort()) { DiesMidRequest = diesMidRequest };
        await replica.StartAsync();
        return replica;
    }

    /// <summary>A port nobody listens on, until <see cref="StartAsync()"/>.</summary>
    public static Replica NotStarted(string name) => new(name, FreePort());

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Address);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/health", () =>
        {
            Interlocked.Increment(ref _probes);
            return Ready ? Results.Text("Healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        _app.Map("/{**path}", AnswerAsync);
        await _app.StartAsync();
    }

    /// <summary>The port refuses connections from now on, as after kill -9.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Requests.Enqueue(new Received(context.Request.Method, context.Request.Path, body, DateTime.UtcNow));
        if (DiesMidRequest)
        {
            context.Abort();
            return;
        }
        context.Response.Headers["X-Replica"] = name;
        await context.Response.WriteAsync(body);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

public sealed record Received(string Method, string Path, string Body, DateTime At);
