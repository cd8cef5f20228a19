namespace Hosting.Tests.App;

/// <summary>Ends the app when the AppHost (PLATFORM_APPHOST_PID) is gone, so a killed test run leaves no process.</summary>
internal static class AppHostWatch
{
    public static void StopWhenGone(WebApplication app)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_APPHOST_PID"), out var pid)) return;
        _ = Task.Run(async () =>
        {
            while (!app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                if (!Directory.Exists($"/proc/{pid}"))
                {
                    app.Lifetime.StopApplication();
                    return;
                }
                await Task.Delay(1000);
            }
        });
    }
}
