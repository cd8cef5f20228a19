namespace Platform.EmbeddedPostgres;

/// <summary>Finds the machine's PostgreSQL server binaries.</summary>
internal static class PostgresBinaries
{
    public static string Locate(string? configured)
    {
        // A folder named on purpose is the only one looked at: falling back elsewhere would hide the mistake.
        if (configured is not null)
            return HasServer(configured) ? configured : throw new PostgresLaunchException(
                $"PostgreSQL server binaries (initdb, postgres) not found in {configured}: fix Postgres:BinDirectory or remove it to search PATH and /usr/lib/postgresql.");

        var candidates = new List<string>();
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        // Debian installs the server outside PATH; prefer the newest major version.
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));

        return candidates.FirstOrDefault(HasServer)
            ?? throw new PostgresLaunchException(
                "PostgreSQL server binaries (initdb, postgres) not found: install PostgreSQL (apt-get install postgresql) " +
                "or point ConnectionStrings:platform at an existing server.");
    }

    private static bool HasServer(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres"));
}
