namespace Platform.EmbeddedPostgres;

/// <summary>Stopping a postmaster the way PostgreSQL wants it stopped.</summary>
internal static class PostgresProcesses
{
    /// <summary>A server left behind by a process that was killed holds the folder; stop it first.</summary>
    public static async Task StopStaleServerAsync(string data)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile)) return;
        if (!int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) || !Posix.IsAlive(pid)) return;
        await StopAsync(pid, TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.</summary>
    public static async Task StopAsync(int pid, TimeSpan timeout)
    {
        Posix.Signal(pid, Posix.SigInt);
        var deadline = DateTime.UtcNow + timeout;
        while (Posix.IsAlive(pid) && DateTime.UtcNow < deadline) await Task.Delay(50);
        if (Posix.IsAlive(pid)) Posix.Signal(pid, Posix.SigKill);
    }
}
