using Platform.Dashboard.Api;
using Platform.Sdk.Client;

namespace Platform.Dashboard.Components.Usage;

/// <summary>
/// Live charts without polling: the circuit follows the service's usage feed (Server-Sent Events) and reads the usage
/// again when the feed says this account's usage changed, and once each time it (re)connects, since the feed carries
/// no history. A dropped feed is followed again after a pause that grows to 15 s.
/// </summary>
public static class LiveUsage
{
    public static async Task FollowAsync(DashboardApi api, Func<PlatformClient, CancellationToken, IAsyncEnumerable<UsageChange>> feed,
        Func<UsageChange, bool> concerns, Func<Task> reload, CancellationToken ct)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in feed(await api.ClientAsync(ct), ct))
                {
                    if (change.Kind == UsageChangeKind.Ready) pause = TimeSpan.FromSeconds(1);
                    if (change.Kind == UsageChangeKind.Ready || concerns(change)) await reload();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is PlatformApiException or HttpRequestException or IOException or TaskCanceledException)
            {
                // Reconnected below; the page keeps what it shows meanwhile.
            }
            catch (Access.SessionEndedException)
            {
                return;
            }
            try
            {
                await Task.Delay(pause, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromSeconds(Math.Min(15, pause.TotalSeconds * 2));
        }
    }
}
