namespace Platform.Hosting.Postgres;

/// <summary>Finds the machine's PostgreSQL server binaries.</summary>
internal static class PostgresBinaries
{
    public static string Locate(string? configured)
    {
        var candidates = new List<string>();
        if (configured is not null) candidates.Add(configured);
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        // Debian installs the server outside PATH; prefer the newest major version.
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
            ?? throw new PostgresLaunchException(
                "PostgreSQL server binaries (initdb, postgres) not found: install PostgreSQL (apt-get install postgresql) " +
                "or point ConnectionStrings:platform at an existing server.");
    }
}
