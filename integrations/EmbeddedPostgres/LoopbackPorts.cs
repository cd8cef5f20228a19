using System.Net;
using System.Net.Sockets;

namespace Platform.EmbeddedPostgres;

/// <summary>
/// Loopback TCP ports for a process that binds later (a service, a PostgreSQL server): one nobody else will be
/// handed before it binds, or whether a given one can be bound now.
/// </summary>
/// <remarks>
/// Asking the OS for port 0 and releasing it is not enough: that port lies in the ephemeral range, where every
/// outgoing connection on the machine picks its local port, and where a second platform started at the same
/// moment (two test projects) asks for its own. Either could take it in the seconds before the service binds;
/// the service then fails to bind and restarts in a loop while whatever holds the port answers its health check.
/// So a port is drawn below the ephemeral range, where nothing picks ports on its own, and reserved with a lock
/// file that this process holds until it exits: every process using this class skips it.
/// </remarks>
public static class LoopbackPorts
{
    private const int Lowest = 20_000;
    private static readonly List<FileStream> Held = [];
    private static readonly Lazy<(int From, int To)?> Candidates = new(CandidateRange);

    public static int Free()
    {
        for (var attempt = 0; Candidates.Value is (var from, var to) && attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(from, to);
            if (IsFree(port) && TryReserve(port)) return port;
        }
        // No room below the ephemeral range, or it is crowded: the OS's choice.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Takes the port's lock file for the rest of this process's life; false when this or another process holds it.
    /// The lock is the OS's (released when the holder exits, however it exits), not the file's existence.
    /// </summary>
    public static bool TryReserve(int port)
    {
        try
        {
            var folder = Path.Combine(Path.GetTempPath(), "platform-loopback-ports");
            if (!Directory.Exists(folder))
            {
                var folderInfo = Directory.CreateDirectory(folder);
                // Shared by every account on the machine (CI runs the tests as root and PostgreSQL as postgres).
                if (!OperatingSystem.IsWindows())
                    folderInfo.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;
            }
            var file = new FileStream(Path.Combine(folder, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            lock (Held) Held.Add(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// From <see cref="Lowest"/> to just below the OS's ephemeral range (Linux's, read from /proc; elsewhere the
    /// range starts at 49152, so stopping at Linux's default 32768 is below it too); none when it starts lower.
    /// </summary>
    private static (int From, int To)? CandidateRange()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        var ephemeralFrom = 32_768;
        try
        {
            if (File.Exists(range) && File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var low, ..])
                ephemeralFrom = int.Parse(low);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return ephemeralFrom - Lowest >= 1_000 ? (Lowest, ephemeralFrom) : null;
    }
}
