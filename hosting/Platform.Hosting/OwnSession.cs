using System.Diagnostics;

namespace Platform.Hosting;

/// <summary>
/// Starts a child in a session of its own, so the terminal's Ctrl+C reaches only us and we stop the
/// children in order (PostgreSQL last) instead of all of them dying at once.
/// </summary>
internal static class OwnSession
{
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Prefixes setsid(1), which execs in place (our freshly forked child is no group leader), so the
    /// pid we get is still the program's own.
    /// </summary>
    public static ProcessStartInfo Apply(ProcessStartInfo info)
    {
        if (Setsid is null) return info;
        info.ArgumentList.Insert(0, info.FileName);
        info.FileName = Setsid;
        return info;
    }
}
