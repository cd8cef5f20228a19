using System.Net;

namespace Platform.Tokens.Tests;

/// <summary>Tokens' revocation feed tells resource servers of a suspended account, with the account stream's versions.</summary>
public class AccountFeedTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task the_feed_says_account_suspended_then_account_live_with_versions_and_its_snapshot_lists_suspended_accounts()
    {
        // The subscriber's key belongs to another account: a suspended account's own key subscribes to nothing.
        var (other, reader) = await CreateAccountAsync(Keys);
        using var feed = await FeedAsync(reader);
        (await feed.ReadUntilReadyAsync()).ShouldNotContain(e => e.Data.StartsWith(AccountId.ToString(), StringComparison.Ordinal));

        await AccountNews.SuspendedAsync(Tokens, AccountId, version: 2);
        (await feed.NextAboutAsync(AccountId)).ShouldBe(new FeedLine("account-suspended", $"{AccountId} 2"));
        await AccountNews.ReinstatedAsync(Tokens, AccountId, version: 3);
        (await feed.NextAboutAsync(AccountId)).ShouldBe(new FeedLine("account-live", $"{AccountId} 3"));
        await AccountNews.SuspendedAsync(Tokens, AccountId, version: 4);
        await AccountNews.OpenedAsync(Tokens, other, @operator: false);

        using var again = await FeedAsync(reader);
        var snapshot = await again.ReadUntilReadyAsync();
        snapshot.ShouldContain(new FeedLine("account-suspended", $"{AccountId} 4"));
        snapshot.ShouldNotContain(e => e.Data.StartsWith(other.ToString(), StringComparison.Ordinal), "a live account is not listed");
    }

    [Fact]
    public async Task a_signal_heard_before_its_durable_event_is_in_the_snapshot_too()
    {
        var (_, reader) = await CreateAccountAsync(Keys);
        await AccountNews.SignalAsync(Tokens, AccountId, version: 2, suspended: true);
        await Wait.Until(() => Task.FromResult(AccountNews.Denylist(Tokens).IsSuspended(AccountId)));

        using var feed = await FeedAsync(reader);

        (await feed.ReadUntilReadyAsync()).ShouldContain(new FeedLine("account-suspended", $"{AccountId} 2"));
    }

    private async Task<FeedReader> FeedAsync(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/changes");
        request.Headers.Authorization = new("Bearer", key);
        var response = await Api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new FeedReader(response, new StreamReader(await response.Content.ReadAsStreamAsync(Ct)));
    }
}

public sealed record FeedLine(string Kind, string Data);

/// <summary>One subscription to a Server-Sent Events feed, read event by event (10 s at most for each).</summary>
public sealed class FeedReader(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public async Task<FeedLine> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var kind = "";
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind.Length > 0) return new FeedLine(kind, line["data: ".Length..]);
        }
        throw new EndOfStreamException("the feed ended");
    }

    /// <summary>Everything before <c>ready</c>: the snapshot.</summary>
    public async Task<List<FeedLine>> ReadUntilReadyAsync()
    {
        var snapshot = new List<FeedLine>();
        for (var e = await NextAsync(); e.Kind != "ready"; e = await NextAsync())
            if (e.Kind != "reset") snapshot.Add(e);
        return snapshot;
    }

    public async Task<FeedLine> NextAboutAsync(Guid id)
    {
        while (true)
            if (await NextAsync() is { } e && e.Data.StartsWith(id.ToString(), StringComparison.Ordinal)) return e;
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
