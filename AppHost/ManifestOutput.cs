namespace Platform.AppHost;

/// <summary>
/// Aspire writes each project's path in the manifest relative to the manifest's folder. Written inside the
/// checkout, those paths stay within it (<c>../services/Keys/Keys.csproj</c>); written anywhere else they
/// climb through this machine's folders, which a manifest meant for another machine must not hold.
/// </summary>
public static class ManifestOutput
{
    /// <summary>Why the manifest cannot go where it was asked to, or null when it can (or nothing is published).</summary>
    public static string? Refusal(IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsPublishMode || builder.Configuration["Pipeline:OutputPath"] is not { Length: > 0 } requested) return null;
        if (CheckoutOf(builder.AppHostDirectory) is not { } checkout) return null;
        var output = Path.GetFullPath(requested);
        var inside = Path.GetRelativePath(checkout, output);
        return inside == ".." || inside.StartsWith($"..{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || Path.IsPathRooted(inside)
            ? $"--output-path must be a folder inside the checkout (for example deploy/manifest): the manifest names each project by a path relative to it, and outside the checkout those paths would hold this machine's folders."
            : null;
    }

    private static string? CheckoutOf(string appHostDirectory)
    {
        for (var dir = new DirectoryInfo(appHostDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        return null;
    }
}
