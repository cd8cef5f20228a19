using System.Reflection;

namespace Platform.AppHost;

/// <summary>
/// Starts a service as <c>dotnet &lt;its built assembly&gt;</c> instead of Aspire's default <c>dotnet run --no-build --project …</c>.
/// Note: <c>dotnet run</c> evaluates the project in MSBuild again before it starts anything, even with <c>--no-build</c>:
/// about 2 CPU-seconds per service at every start (and restart), as much as the service's own start, and on a 2-core
/// machine nine of them at once. The AppHost's build records where each service's assembly is (AppHost.csproj); a
/// service with no recorded assembly on disk, or any under <c>dotnet watch</c>, keeps Aspire's default.
/// </summary>
public static class BuiltAssemblyLaunch
{
    public const string MetadataPrefix = "service-assembly:";

    public static IResourceBuilder<ProjectResource> FromBuiltAssembly(this IResourceBuilder<ProjectResource> service)
    {
        // Under `dotnet watch` Aspire runs each service through watch, which rebuilds and reloads it: that stays.
        if (!service.ApplicationBuilder.ExecutionContext.IsRunMode || service.ApplicationBuilder.Configuration.GetValue<bool>("DOTNET_WATCH")) return service;
        var project = service.Resource.GetProjectMetadata().ProjectPath;
        if (AssemblyOf(project) is not { } assembly || !File.Exists(assembly)) return service;
        service.WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = Path.GetDirectoryName(project)! });
        // Whatever else the service is given follows its assembly, whichever order the callbacks run in.
        return service.WithArgs(context => context.Args.Insert(0, assembly));
    }

    /// <summary>The assembly the AppHost's build recorded for <paramref name="project"/>, if any.</summary>
    public static string? AssemblyOf(string project) =>
        typeof(BuiltAssemblyLaunch).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal)
                && SamePath(a.Key[MetadataPrefix.Length..], project))?.Value;

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
