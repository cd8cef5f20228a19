using System.Security.Cryptography;
using System.Text;
using Platform.EmbeddedPostgres;

namespace Platform.AppHost;

/// <summary>
/// Where the AppHost keeps what outlives a run: the embedded cluster and the sample API's feeds key.
/// <c>.state/</c> in the checkout; as root under the system temp folder (the server runs as
/// "postgres", who may not traverse the checkout, e.g. under /root); with <c>AppHost:Ephemeral</c>
/// (the tests) a throw-away folder deleted when the AppHost stops.
/// </summary>
public sealed record PlatformState(string Directory, bool Ephemeral)
{
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public string PostgresData => Path.Combine(Directory, "postgres", "data");

    public static PlatformState For(IDistributedApplicationBuilder builder)
    {
        var checkout = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var ephemeral = builder.Configuration.GetValue("AppHost:Ephemeral", false);
        var directory = ephemeral ? Path.Combine(Path.GetTempPath(), $"platform-test-{Guid.NewGuid():N}"[..26])
            : Posix.IsRoot ? Path.Combine(Path.GetTempPath(), $"platform-{ShortHash(checkout)}")
            : Path.Combine(checkout, ".state");
        var state = new PlatformState(directory, ephemeral);
        foreach (var folder in new[] { directory, Path.GetDirectoryName(state.PostgresData)! })
        {
            System.IO.Directory.CreateDirectory(folder);
            if (Posix.IsRoot) File.SetUnixFileMode(folder, Traversable);
        }
        return state;
    }

    private static string ShortHash(string path) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path))).ToLowerInvariant()[..10];
}
