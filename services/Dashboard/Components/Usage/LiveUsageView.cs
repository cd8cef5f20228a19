using Platform.Sdk.Client;

namespace Platform.Dashboard.Components.Usage;

/// <summary>
/// What every usage chart does around its own read: a period, the read when the period changes, and the service's
/// usage feed followed for the life of the page (<see cref="LiveUsage"/>), stopped when the page goes.
/// </summary>
public abstract class LiveUsageView : ConsolePage, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    protected UsageRange Range { get; private set; } = UsageRange.Hour;

    protected CancellationToken Stopping => _stop.Token;

    /// <summary>Reads the usage for <see cref="Range"/>.</summary>
    protected abstract Task LoadAsync();

    protected void StartAt(UsageRange range) => Range = range;

    /// <summary>Reads again each time the feed names what this page shows (and on every (re)connection).</summary>
    protected void Follow(Func<PlatformClient, CancellationToken, IAsyncEnumerable<UsageChange>> feed, Func<UsageChange, bool> concerns) =>
        _ = LiveUsage.FollowAsync(Api, feed, concerns, () => InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); }), _stop.Token);

    protected async Task SwitchAsync(UsageRange range)
    {
        Range = range;
        await LoadAsync();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
