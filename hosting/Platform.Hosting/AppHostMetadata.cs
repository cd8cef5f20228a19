using System.Reflection;

namespace Platform.Hosting;

/// <summary>What AppHost.targets recorded in the AppHost assembly: its project folder and each service's dll.</summary>
internal sealed class AppHostMetadata
{
    private const string ProjectPrefix = "Platform.Hosting.Project:";

    private AppHostMetadata(string? projectDirectory, string? assemblyDirectory, Dictionary<string, string> outputs)
    {
        ProjectDirectory = projectDirectory;
        AssemblyDirectory = assemblyDirectory;
        Outputs = outputs;
    }

    public string? ProjectDirectory { get; }

    public string? AssemblyDirectory { get; }

    /// <summary>Full path of a project file → full path of its built dll.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; }

    /// <summary>Where appsettings.json is looked for: the AppHost project folder, else beside its dll.</summary>
    public string ContentRoot => ProjectDirectory ?? AssemblyDirectory ?? Directory.GetCurrentDirectory();

    public static AppHostMetadata Read(Assembly? assembly)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? projectDirectory = null;
        foreach (var attribute in assembly?.GetCustomAttributes<AssemblyMetadataAttribute>() ?? [])
        {
            if (attribute.Key == "Platform.Hosting.AppHostDirectory") projectDirectory = attribute.Value;
            else if (attribute.Key.StartsWith(ProjectPrefix, StringComparison.Ordinal) && attribute.Value is { } dll)
                outputs[Path.GetFullPath(attribute.Key[ProjectPrefix.Length..])] = dll;
        }
        var assemblyDirectory = string.IsNullOrEmpty(assembly?.Location) ? null : Path.GetDirectoryName(assembly.Location);
        return new AppHostMetadata(projectDirectory is { Length: > 0 } ? projectDirectory : null, assemblyDirectory, outputs);
    }

    /// <summary>The built dll of a project, matched by full path, else by file name when that is unique.</summary>
    public string ResolveOutput(ProjectResource project, string repositoryRoot)
    {
        var full = Path.GetFullPath(Path.Combine(repositoryRoot, project.ProjectPath));
        if (!Outputs.TryGetValue(full, out var dll))
        {
            var byName = Outputs.Where(o => string.Equals(Path.GetFileName(o.Key), Path.GetFileName(full), StringComparison.OrdinalIgnoreCase)).ToList();
            if (byName.Count != 1)
                throw new DistributedApplicationException(
                    $"{project.Name}: {project.ProjectPath} is not a ProjectReference (ReferenceOutputAssembly=\"false\") of the AppHost, so its build output is unknown");
            dll = byName[0].Value;
        }
        return File.Exists(dll)
            ? dll
            : throw new DistributedApplicationException($"{project.Name}: {dll} does not exist; build the AppHost first (dotnet build AppHost)");
    }
}
