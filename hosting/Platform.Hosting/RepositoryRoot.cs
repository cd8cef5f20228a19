namespace Platform.Hosting;

/// <summary>The folder holding Platform.sln: project paths in the app model are relative to it.</summary>
internal static class RepositoryRoot
{
    private static readonly string[] Markers = ["Platform.sln", "Platform.slnx"];

    public static string Find(AppHostMetadata metadata)
    {
        foreach (var start in new[] { metadata.ProjectDirectory, metadata.AssemblyDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Markers.Any(m => File.Exists(Path.Combine(dir.FullName, m)))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
