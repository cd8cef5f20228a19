using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Infrastructure.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.Infrastructure.Changes;

/// <summary>
/// The revocation feed as Server-Sent Events: <c>event: reset</c> first (drop what you cached), an
/// optional snapshot, <c>event: ready</c> (from here on nothing is missed), then one event per change
/// and a comment every 15 s so proxies and clients can tell a quiet stream from a dead one.
/// </summary>
/// <remarks>
/// Written here rather than with <c>TypedResults.ServerSentEvents</c>: its formatter writes events only, and the
/// heartbeat must be a comment, which every SSE client ignores (an event would reach resource servers' code).
/// The SDK reads the stream with <c>SseParser</c>.
/// </remarks>
/// <param name="audience">Whose events only (an account), for a feed of several accounts' events.</param>
public sealed class ChangeStream(ChangeFeed feed, Func<CancellationToken, Task<IEnumerable<FeedEvent>>>? snapshot = null, string? audience = null) : IResult, IEndpointMetadataProvider
{
    /// <summary>For the OpenAPI documents: a stream of events, or 503 while the feed reconnects.</summary>
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(FeedEvent), ["text/event-stream"]));
        builder.Metadata.Add(new RefusesAttribute(StatusCodes.Status503ServiceUnavailable, "the feed is reconnecting"));
    }

    public const string Reset = "reset";
    public const string Ready = "ready";
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        // Subscribe before the snapshot: a change during it is sent after it, never lost between them.
        using var subscription = feed.Subscribe(audience);
        if (subscription is null)
        {
            await ApiError.Result(StatusCodes.Status503ServiceUnavailable, "The change feed is reconnecting; retry shortly").ExecuteAsync(context);
            return;
        }
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await WriteAsync(response, new FeedEvent(Reset, ""), ct);
            if (snapshot is not null)
                foreach (var e in await snapshot(ct)) await WriteAsync(response, e, ct, flush: false);
            await WriteAsync(response, new FeedEvent(Ready, ""), ct);
            await RelayAsync(response, subscription, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The subscriber went away.
        }
    }

    private static async Task RelayAsync(HttpResponse response, ChangeFeed.Subscription subscription, CancellationToken ct)
    {
        var events = subscription.Events;
        var waiting = events.WaitToReadAsync(ct).AsTask();
        while (true)
        {
            if (await Task.WhenAny(waiting, Task.Delay(Heartbeat, ct)) != waiting)
            {
                await response.WriteAsync(": heartbeat\n\n", ct);
                await response.Body.FlushAsync(ct);
                continue;
            }
            if (!await waiting) return; // closed by the feed: the client reconnects and resets
            while (events.TryRead(out var e)) await WriteAsync(response, e, ct, flush: false);
            await response.Body.FlushAsync(ct);
            waiting = events.WaitToReadAsync(ct).AsTask();
        }
    }

    private static async Task WriteAsync(HttpResponse response, FeedEvent e, CancellationToken ct, bool flush = true)
    {
        await response.WriteAsync(new StringBuilder("event: ").Append(e.Kind).Append("\ndata: ").Append(e.Data).Append("\n\n").ToString(), ct);
        if (flush) await response.Body.FlushAsync(ct);
    }
}
