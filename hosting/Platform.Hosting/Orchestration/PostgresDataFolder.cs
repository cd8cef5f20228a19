using System.Security.Cryptography;
using System.Text;

namespace Platform.Hosting.Orchestration;

/// <summary>Where the embedded server keeps its cluster, and whether that folder is thrown away afterwards.</summary>
internal sealed record PostgresDataFolder(string Root, string Data, bool Temporary)
{
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static PostgresDataFolder For(AppHostSettings settings)
    {
        // As root the server runs as the postgres user, who may not traverse the checkout (e.g. under /root):
        // keep the cluster in the system temp folder then, under a name stable for this checkout.
        var root = settings.Testing ? Path.Combine(Path.GetTempPath(), $"platform-test-{Guid.NewGuid():N}"[..26])
            : Posix.IsRoot ? Path.Combine(Path.GetTempPath(), $"platform-{ShortHash(settings.RepositoryRoot)}")
            : Path.Combine(settings.RepositoryRoot, ".state");
        var folder = new PostgresDataFolder(root, Path.Combine(root, "postgres", "data"), settings.Testing);
        folder.CreateParents();
        return folder;
    }

    public void Delete()
    {
        if (Temporary && Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private void CreateParents()
    {
        foreach (var dir in new[] { Root, Path.GetDirectoryName(Data)! })
        {
            Directory.CreateDirectory(dir);
            if (Posix.IsRoot) File.SetUnixFileMode(dir, Traversable);
        }
    }

    private static string ShortHash(string path) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path)))).ToLowerInvariant()[..10];
}
