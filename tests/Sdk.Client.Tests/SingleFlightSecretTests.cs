using Microsoft.Extensions.Time.Testing;
using Platform.Sdk.Client.Tokens;

namespace Platform.Sdk.Client.Tests;

/// <summary>The cache behind both providers, on its own: no network, a fake clock, a fetch the test controls.</summary>
public sealed class SingleFlightSecretTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private int _fetches;

    private SingleFlightSecret Cache(TimeSpan lifetime, Func<Task>? gate = null, TimeSpan? lead = null) => new(async _ =>
    {
        var n = Interlocked.Increment(ref _fetches);
        if (gate is not null) await gate();
        return ($"token-{n}", _time.GetUtcNow() + lifetime);
    }, _time, lead ?? TimeSpan.FromSeconds(60));

    [Fact]
    public async Task a_failed_fetch_is_not_cached_the_next_caller_tries_again()
    {
        var fail = true;
        var cache = new SingleFlightSecret(_ =>
        {
            _fetches++;
            return fail ? Task.FromException<(string, DateTimeOffset)>(new HttpRequestException("down")) : Task.FromResult(("ok", _time.GetUtcNow().AddHours(1)));
        }, _time, TimeSpan.FromSeconds(60));

        await Should.ThrowAsync<HttpRequestException>(() => cache.GetAsync(CancellationToken.None).AsTask());
        fail = false;

        (await cache.GetAsync(CancellationToken.None)).ShouldBe("ok");
        _fetches.ShouldBe(2);
    }

    [Fact]
    public async Task one_caller_giving_up_does_not_cancel_the_fetch_the_others_wait_for()
    {
        var release = new TaskCompletionSource();
        var cache = Cache(TimeSpan.FromHours(1), () => release.Task);
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync(impatient.Token).AsTask();
        var second = cache.GetAsync(CancellationToken.None).AsTask();
        await impatient.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => first);
        release.SetResult();

        (await second).ShouldBe("token-1");
        _fetches.ShouldBe(1);
    }

    [Fact]
    public async Task a_token_shorter_lived_than_twice_the_lead_is_reused_for_half_its_life()
    {
        var cache = Cache(TimeSpan.FromSeconds(90));
        (await cache.GetAsync(CancellationToken.None)).ShouldBe("token-1");

        _time.Advance(TimeSpan.FromSeconds(44));
        (await cache.GetAsync(CancellationToken.None)).ShouldBe("token-1");
        _time.Advance(TimeSpan.FromSeconds(2));
        (await cache.GetAsync(CancellationToken.None)).ShouldBe("token-2");
    }

    [Fact]
    public async Task invalidating_an_old_token_does_not_discard_a_newer_one()
    {
        var cache = Cache(TimeSpan.FromHours(1));
        var first = await cache.GetAsync(CancellationToken.None);
        cache.Invalidate(first);
        var second = await cache.GetAsync(CancellationToken.None);

        cache.Invalidate(first); // a late 401 for the token already replaced

        (await cache.GetAsync(CancellationToken.None)).ShouldBe(second);
        _fetches.ShouldBe(2);
    }
}
