using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// Stops the service when the local AppHost that started it is gone, so a killed AppHost never
/// leaves orphaned services behind. Inactive outside the AppHost (no PLATFORM_APPHOST_PID).
/// </summary>
internal sealed class AppHostWatcher(IHostApplicationLifetime lifetime, ILogger<AppHostWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_APPHOST_PID"), out var pid)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (IsRunning(pid)) continue;
            logger.LogWarning("AppHost process {Pid} is gone; stopping", pid);
            lifetime.StopApplication();
            return;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
