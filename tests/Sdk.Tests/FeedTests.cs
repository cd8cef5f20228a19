using System.Net;
using Alba;

namespace Platform.Sdk.Tests;

[Collection(nameof(PlatformCollection))]
public sealed class FeedTests(PlatformFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task each_feed_wants_a_live_key_with_feeds_read_or_keys_manage()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var plain = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var reader = await fixture.Keys.IssueKeyAsync(admin, "feeds:read");
        (IAlbaHost Host, string Path)[] feeds = [(fixture.Keys, "/api/keys/changes"), (fixture.Tokens, "/oauth/changes"), (fixture.Agents, "/api/agents/changes")];
        foreach (var (host, path) in feeds)
        {
            (await StatusAsync(host, path, null)).ShouldBe(HttpStatusCode.Unauthorized, path);
            (await StatusAsync(host, path, plain.Secret)).ShouldBe(HttpStatusCode.Forbidden, path);
            (await StatusAsync(host, path, admin)).ShouldBe(HttpStatusCode.OK, path);
            (await StatusAsync(host, path, reader.Secret)).ShouldBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task keys_feed_starts_with_reset_and_ready_then_names_a_revoked_key_by_id_and_version_only()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        using var client = fixture.Keys.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/keys/changes");
        request.Headers.Authorization = new("Bearer", admin);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        (await reader.ReadLineAsync(Ct)).ShouldBe("event: reset");
        await ReadUntilAsync(reader, "event: ready");

        await fixture.Keys.RevokeAsync(admin, key.Id);

        // The issuance may still be on its way when the feed opens (it names version 1); the revocation must follow
        // with the id and the stream version it gave the key (issued at 1, revoked at 2), and nothing more.
        (await NextChangeOfAsync(reader, key.Id, after: 1)).ShouldBe($"data: {key.Id} 2");
    }

    private static async Task<string> NextChangeOfAsync(StreamReader reader, Guid id, long after)
    {
        while (true)
        {
            await ReadUntilAsync(reader, "event: key");
            var data = await reader.ReadLineAsync(Ct) ?? throw new EndOfStreamException("the feed ended after an event line");
            if (!data.StartsWith($"data: {id} ", StringComparison.Ordinal)) continue;
            if (long.TryParse(data.AsSpan($"data: {id} ".Length), out var version) && version <= after) continue;
            return data;
        }
    }

    [Fact]
    public async Task a_feed_outlives_the_request_timeout_of_the_platform_calls()
    {
        await using var api = await fixture.StartApiAsync(fixture.OperatorKey, requestTimeout: TimeSpan.FromSeconds(1));
        var feeds = PlatformFixture.FeedsOf(api).ToList();
        await Poll.UntilAsync(() => Task.FromResult(feeds.All(f => f.IsLive)));

        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        feeds.ShouldAllBe(f => f.IsLive && f.Connections == 1);
    }

    private static async Task ReadUntilAsync(StreamReader reader, string line)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } read)
        {
            read.ShouldNotContain("sk_live_");
            if (read == line) return;
        }
        throw new EndOfStreamException($"the feed ended before '{line}'");
    }

    private static async Task<HttpStatusCode> StatusAsync(IAlbaHost host, string path, string? bearer)
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        return response.StatusCode;
    }
}
