using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Every log line of every resource of the platform (services, replicas, PostgreSQL), as the Aspire
/// dashboard's console logs show them, kept so tests can check that no secret was ever logged.
/// </summary>
public sealed class PlatformLogs
{
    private const int MaxChars = 64 * 1024 * 1024;
    private readonly StringBuilder _kept = new();
    private readonly Lock _gate = new();

    public string Text
    {
        get { lock (_gate) return _kept.ToString(); }
    }

    public static PlatformLogs Follow(DistributedApplication app)
    {
        var logs = new PlatformLogs();
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        var stopping = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
            _ = logs.KeepAsync(resource.Name, loggers.WatchAsync(resource), stopping);
        return logs;
    }

    private async Task KeepAsync(string name, IAsyncEnumerable<IReadOnlyList<LogLine>> lines, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in lines.WithCancellation(ct))
                lock (_gate)
                    foreach (var line in batch)
                        if (_kept.Length < MaxChars) _kept.Append(name).Append(": ").Append(line.Content).Append('\n');
        }
        catch (OperationCanceledException)
        {
        }
    }
}
