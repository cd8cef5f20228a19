namespace Platform.Hosting;

public enum ResourceState
{
    NotStarted,
    Starting,
    Healthy,
    /// <summary>The process exited; waiting out the back-off before starting it again.</summary>
    Restarting,
    Stopping,
    Stopped,
    Failed,
}
