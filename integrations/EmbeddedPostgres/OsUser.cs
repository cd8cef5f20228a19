using System.Diagnostics;

namespace Platform.EmbeddedPostgres;

/// <summary>
/// Runs PostgreSQL's programs as the right account. postgres refuses to run as root, so when we are
/// root every command runs as the "postgres" system user through setpriv, which execs in place: the
/// pid a supervisor holds is the program's own, and its signals reach the postmaster.
/// </summary>
public sealed class OsUser
{
    private const string ServiceAccount = "postgres";

    public static OsUser Current { get; } = new(Posix.IsRoot);

    private OsUser(bool switchToServiceAccount) => SwitchToServiceAccount = switchToServiceAccount;

    public bool SwitchToServiceAccount { get; }

    /// <summary>The executable and arguments that run <paramref name="program"/> as this account.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(string program, IEnumerable<string> arguments) =>
        SwitchToServiceAccount
            ? ("setpriv", [$"--reuid={ServiceAccount}", $"--regid={ServiceAccount}", "--init-groups", program, .. arguments])
            : (program, [.. arguments]);

    public ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var (fileName, args) = Command(program, arguments);
        var info = new ProcessStartInfo(fileName, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return info;
    }

    /// <summary>Hands a folder we created to the account that will run the server.</summary>
    public async Task OwnAsync(string path)
    {
        if (!SwitchToServiceAccount) return;
        await Run.CheckedAsync(new ProcessStartInfo("chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", path]));
    }
}
