using System.Runtime.InteropServices;

namespace Platform.EmbeddedPostgres;

/// <summary>The few libc calls .NET has no API for: effective uid and sending a chosen signal.</summary>
public static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Signal 0 checks that the process exists without touching it.</summary>
    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1; // EPERM: exists
}
