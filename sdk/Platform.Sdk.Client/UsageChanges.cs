using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Platform.Sdk.Client;

public enum UsageChangeKind { Ready, Usage }

/// <summary>
/// One event of a usage feed. <see cref="UsageChangeKind.Ready"/> comes first, once the subscription stands: read the
/// usage then, as nothing written after it goes unannounced (its <see cref="AccountId"/> is empty and it names no ids).
/// Each <see cref="UsageChangeKind.Usage"/> names the keys (or agent credentials) of the caller's account whose usage
/// was just written: read theirs again.
/// </summary>
public sealed record UsageChange(UsageChangeKind Kind, Guid AccountId, IReadOnlyList<Guid> Ids);

/// <summary>Reads a usage feed (Server-Sent Events) for as long as its connection lasts.</summary>
internal static class UsageChanges
{
    /// <summary>The services send a comment every 15 s: three missed ones mean the connection is dead.</summary>
    public static readonly TimeSpan SilenceLimit = TimeSpan.FromSeconds(45);

    private const string ReadyEvent = "ready";
    private const string UsageEvent = "usage";

    public static async IAsyncEnumerable<UsageChange> ReadAsync(ApiTransport api, string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silence.CancelAfter(SilenceLimit);
        using var response = await api.SendRawAsync(HttpMethod.Get, path, null, null,
            request => request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream")), HttpCompletionOption.ResponseHeadersRead, silence.Token);
        await using var body = new Heard(await response.Content.ReadAsStreamAsync(silence.Token), () => silence.CancelAfter(SilenceLimit));
        var events = SseParser.Create(body).EnumerateAsync(silence.Token).GetAsyncEnumerator(silence.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync()) yield break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    yield break; // silent past the limit: the connection is as good as dropped
                }
                if (Parse(events.Current) is { } change) yield return change;
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    /// <summary><c>ready</c>, or <c>usage</c> with <c>data: &lt;account&gt; &lt;id&gt; …</c>; anything else is not for us.</summary>
    public static UsageChange? Parse(SseItem<string> item)
    {
        if (item.EventType == ReadyEvent) return new(UsageChangeKind.Ready, Guid.Empty, []);
        if (item.EventType != UsageEvent) return null;
        var words = item.Data.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !Guid.TryParse(words[0], out var account)) return null;
        var ids = new List<Guid>(words.Length - 1);
        foreach (var word in words.AsSpan(1))
            if (Guid.TryParse(word, out var id)) ids.Add(id);
        return new(UsageChangeKind.Usage, account, ids);
    }

    /// <summary>A read-only stream that says when bytes arrive: heartbeat comments prove the stream alive, though the parser skips them.</summary>
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

/// <summary>The <c>bucketMinutes</c> of the usage reads.</summary>
internal static class UsageBuckets
{
    public static int Minutes(TimeSpan bucket) =>
        bucket.Ticks % TimeSpan.TicksPerMinute == 0 && bucket >= TimeSpan.FromMinutes(1) && bucket <= TimeSpan.FromDays(1)
            ? (int)bucket.TotalMinutes
            : throw new ArgumentOutOfRangeException(nameof(bucket), "a bucket is whole minutes, from one minute to a day");
}
