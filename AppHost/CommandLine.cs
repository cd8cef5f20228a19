namespace Platform.AppHost;

/// <summary>The AppHost's own switches, made into configuration the way Aspire reads its arguments.</summary>
public static class CommandLine
{
    /// <summary>
    /// <c>--fresh</c> takes no value, which .NET's command-line configuration cannot read; it becomes
    /// <c>--fresh=true</c>. Everything else (<c>--replicas 2</c>, Aspire's <c>--publisher manifest</c>) passes as is.
    /// </summary>
    public static string[] Normalise(string[] args) =>
        [.. args.Select(a => a == "--fresh" ? "--fresh=true" : a)];
}
