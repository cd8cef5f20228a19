using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Audit.Tests;

/// <summary>A real HTTP receiver on loopback (Kestrel, port 0) that records every request and fails the first N.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(DateTimeOffset At, string Body, string? Signature, string? Delivery, string? EventType);

    private readonly WebApplication _app;
    private int _calls;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public int FailFirst { get; set; }

    /// <summary>Every request waits for it before it is answered: a test can act while a delivery is under way.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { FailFirst = failFirst };
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver.Requests.Enqueue(new(DateTimeOffset.UtcNow, await reader.ReadToEndAsync(), request.Headers["Platform-Signature"],
                request.Headers["Platform-Delivery"], request.Headers["Platform-Event"]));
            await receiver.Gate;
            return Interlocked.Increment(ref receiver._calls) <= receiver.FailFirst ? Results.StatusCode(503) : Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Requests.Count < count && DateTime.UtcNow < deadline) await Task.Delay(50);
        return [.. Requests];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
