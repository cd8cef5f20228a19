using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Sdk.ResourceServer.Feeds;

/// <summary>
/// One platform service's revocation feed (Server-Sent Events, docs/sdk.md): connect with our own API
/// key, drop everything on <c>reset</c>, cache again from <c>ready</c>, apply each event, and on any
/// drop or silence past the limit stop caching at once and reconnect with backoff.
/// </summary>
public abstract class RevocationFeed(IHttpClientFactory http, IOptions<PlatformAuthenticationOptions> options, ILogger logger) : BackgroundService
{
    private volatile bool _live;

    /// <summary>Connected and past <c>ready</c>: nothing that changes from now on goes unheard.</summary>
    public bool IsLive => _live;

    /// <summary>How many connections reached <c>ready</c>: each one after the first followed a drop.</summary>
    public int Connections => _connections;

    private int _connections;

    protected abstract string ClientName { get; }
    protected abstract string Path { get; }

    /// <summary>Connected (live) or not: either way what was cached before is unknown now.</summary>
    protected abstract void Reset(bool live);

    protected abstract void Apply(string kind, string id);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (options.Value.ApiKey is not { Length: > 0 } && options.Value.ApiKeyFile is not { Length: > 0 })
        {
            logger.LogInformation("No Platform:ApiKey: the {Feed} feed is off; every request is verified", Path);
            return;
        }
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await ReadAsync(ct)) backoff = TimeSpan.FromMilliseconds(250);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Revocation feed {Feed} dropped: {Reason}", Path, e.Message);
            }
            finally
            {
                _live = false;
                Reset(false);
            }
            await Task.Delay(backoff, ct);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    /// <summary>The key to subscribe with, waiting for its file if need be (checked twice a second: the wait is at start).</summary>
    private async Task<string> KeyAsync(CancellationToken ct)
    {
        var logged = false;
        while (true)
        {
            if (options.Value.CurrentApiKey() is { } key) return key;
            if (!logged) logger.LogInformation("Revocation feed {Feed} waits for its key file", Path);
            logged = true;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    /// <summary>One connection, until it ends; true when it got as far as <c>ready</c>.</summary>
    private async Task<bool> ReadAsync(CancellationToken ct)
    {
        var apiKey = await KeyAsync(ct);
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silence.CancelAfter(options.Value.FeedSilenceLimit);
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        // The stream is meant to stay open: the silence limit, not the request timeout, decides when it is dead.
        using var client = http.CreateClient(ClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, silence.Token);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Revocation feed {Feed} refused us: {Status}", Path, (int)response.StatusCode);
            return false;
        }
        // Any bytes prove the stream alive, heartbeat comments too, which the parser reads past without a word.
        await using var body = new Heard(await response.Content.ReadAsStreamAsync(silence.Token), () => silence.CancelAfter(options.Value.FeedSilenceLimit));
        var reached = false;
        await foreach (var item in SseParser.Create(body).EnumerateAsync(silence.Token))
        {
            switch (item.EventType)
            {
                case "reset": _live = false; Reset(false); break;
                case "ready":
                    Reset(true);
                    _live = reached = true;
                    Interlocked.Increment(ref _connections);
                    break;
                default: Apply(item.EventType, item.Data); break;
            }
        }
        return reached;
    }

    /// <summary>A read-only stream that says when bytes arrive.</summary>
    private sealed class Heard(Stream inner, Action heard) : Stream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await inner.ReadAsync(buffer, ct);
            if (read > 0) heard();
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
