using Alba;
using Shouldly;

namespace Platform.Testing;

/// <summary>A service's Server-Sent Events feed, opened as a subscriber and read past <c>ready</c>.</summary>
public sealed class FeedReader : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private FeedReader(HttpClient client, HttpResponseMessage response, StreamReader reader) => (_client, _response, _reader) = (client, response, reader);

    public static async Task<FeedReader> OpenAsync(IAlbaHost host, string path, string bearer, CancellationToken ct)
    {
        var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", bearer);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/event-stream");
        var feed = new FeedReader(client, response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
        (await feed.NextAsync("event: ", TimeSpan.FromSeconds(10), ct)).ShouldBe("event: reset");
        while (await feed.NextAsync("event: ", TimeSpan.FromSeconds(10), ct) != "event: ready") { }
        return feed;
    }

    /// <summary>The data of every <paramref name="kind"/> event, in order, up to and including the first that <paramref name="until"/> accepts.</summary>
    public async Task<IReadOnlyList<string>> DataUntilAsync(string kind, Func<string, bool> until, TimeSpan timeout, CancellationToken ct)
    {
        var seen = new List<string>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (await NextAsync("event: ", timeout, deadline.Token) != $"event: {kind}") continue;
            var data = (await NextAsync("data: ", timeout, deadline.Token))["data: ".Length..];
            seen.Add(data);
            if (until(data)) return seen;
        }
    }

    private async Task<string> NextAsync(string prefix, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (await _reader.ReadLineAsync(deadline.Token) is { } line)
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        throw new EndOfStreamException($"the feed ended before a line starting '{prefix}'");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
