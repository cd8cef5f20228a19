using System.Collections.Concurrent;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// What a platform that did not come up was doing: the state of every resource instance, and the last lines
/// of each one that exited. A fixture that times out says why instead of "a task was canceled".
/// </summary>
internal sealed class StartupReport
{
    private readonly ConcurrentDictionary<string, CustomResourceSnapshot> _latest = [];

    public static StartupReport Watch(DistributedApplication app, CancellationToken ct)
    {
        var report = new StartupReport();
        _ = report.FollowAsync(app, ct);
        return report;
    }

    private async Task FollowAsync(DistributedApplication app, CancellationToken ct)
    {
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(ct)) _latest[update.ResourceId] = update.Snapshot;
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task<string> DescribeAsync(DistributedApplication app)
    {
        var text = new StringBuilder();
        foreach (var (id, snapshot) in _latest.OrderBy(e => e.Key))
            text.AppendLine($"{id}: {snapshot.State?.Text ?? "(no state)"} {snapshot.HealthStatus}{(snapshot.ExitCode is { } code ? $" exit code {code}" : "")}");
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var (id, _) in _latest.Where(e => e.Value.ExitCode is not null and not 0))
        {
            var lines = new List<string>();
            using var backlog = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await foreach (var batch in logs.WatchAsync(id).WithCancellation(backlog.Token))
                    lines.AddRange(batch.Select(l => l.Content));
            }
            catch (OperationCanceledException)
            {
            }
            text.AppendLine($"--- last lines of {id}:");
            foreach (var line in lines.TakeLast(40)) text.AppendLine(line);
        }
        return text.ToString();
    }
}
