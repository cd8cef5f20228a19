namespace Platform.AppHost;

/// <summary>The AppHost's own switches, made into configuration the way Aspire reads its arguments.</summary>
public static class CommandLine
{
    /// <summary>
    /// <c>--fresh</c> takes no value, which .NET's command-line configuration cannot read; it becomes
    /// <c>--fresh=true</c>. Everything else (<c>--replicas 2</c>, Aspire's <c>--publisher manifest</c>) passes as is.
    /// </summary>
    public static string[] Normalise(string[] args) =>
        [.. args.Where(a => a != NoDashboard).Select(a => a == "--fresh" ? "--fresh=true" : a)];

    /// <summary>
    /// <c>--no-dashboard</c>: no Aspire dashboard, so nothing exports telemetry. For load runs on a small
    /// machine, where the dashboard's ingestion of every span would compete with the platform for the CPU and disk.
    /// </summary>
    public const string NoDashboard = "--no-dashboard";

    public static DistributedApplicationOptions Options(string[] args) => new()
    {
        Args = Normalise(args),
        DisableDashboard = args.Contains(NoDashboard),
    };
}
