using Microsoft.Extensions.Configuration;

namespace Platform.Hosting;

/// <summary>The AppHost's configuration: appsettings.json, then environment variables, then the command line.</summary>
internal static class AppHostConfiguration
{
    /// <summary>Flags that mean "true" when given bare, e.g. <c>--fresh</c>.</summary>
    private static readonly HashSet<string> Switches = new(StringComparer.OrdinalIgnoreCase) { "--fresh" };

    public static ConfigurationManager Create(string[] args, string contentRoot)
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(contentRoot);
        configuration.AddJsonFile("appsettings.json", optional: true);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(ExpandSwitches(args));
        return configuration;
    }

    /// <summary>The command-line provider wants a value after every key; a bare switch gets "true".</summary>
    internal static string[] ExpandSwitches(string[] args)
    {
        var expanded = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var bare = arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=');
            var last = i == args.Length - 1 || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            expanded.Add(bare && (Switches.Contains(arg) || last) ? arg + "=true" : arg);
        }
        return [.. expanded];
    }
}
