using System.Diagnostics;

namespace Platform.Hosting.Postgres;

/// <summary>
/// Runs PostgreSQL's programs as the right account. postgres refuses to run as root, so when we are
/// root every command runs as the "postgres" system user through runuser.
/// </summary>
internal sealed class OsUser
{
    private const string ServiceAccount = "postgres";

    public static OsUser Current { get; } = new(Posix.IsRoot);

    private OsUser(bool switchToServiceAccount) => SwitchToServiceAccount = switchToServiceAccount;

    public bool SwitchToServiceAccount { get; }

    public ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (SwitchToServiceAccount)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", ServiceAccount, "--", program }) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return OwnSession.Apply(info);
    }

    /// <summary>Hands a folder we created to the account that will run the server.</summary>
    public async Task OwnAsync(string path)
    {
        if (!SwitchToServiceAccount) return;
        await Run.CheckedAsync(new ProcessStartInfo("chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", path]));
    }
}
