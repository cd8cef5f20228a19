using Npgsql;

namespace Platform.Fuzz.Tests.Checks;

/// <summary>
/// Row counts of one service schema's Marten tables (events, streams, documents): what a refused request could have written.
/// Tables that background work writes on its own (usage, signing keys, data protection, progress, webhook delivery
/// attempts, which retry on their own schedule) are left out.
/// </summary>
public static class StoreSnapshot
{
    private static readonly string[] Background = ["usage", "signing", "dataprotection", "progression", "lastused", "baseline", "delivery", "deliveries", "attempt", "limiter", "standing", "index"];

    public static async Task<Dictionary<string, long>> TakeAsync(string connectionString, string schema, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = @schema and table_name like 'mt\\_%' and table_type = 'BASE TABLE'", db))
        {
            list.Parameters.AddWithValue("schema", schema);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>();
        foreach (var table in tables.Where(t => !Background.Any(b => t.Contains(b, StringComparison.OrdinalIgnoreCase))).Order())
        {
            await using var count = new NpgsqlCommand($"select count(*) from \"{schema}\".\"{table}\"", db);
            counts[table] = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return counts;
    }

    /// <summary>A snapshot once two in a row agree, so writes still settling from earlier routes are not blamed on this batch.</summary>
    public static async Task<Dictionary<string, long>> SettledAsync(string connectionString, string schema, CancellationToken ct)
    {
        var last = await TakeAsync(connectionString, schema, ct);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(250, ct);
            var next = await TakeAsync(connectionString, schema, ct);
            if (Same(last, next)) return next;
            last = next;
        }
        return last;
    }

    /// <summary>
    /// Same rows in every table. A table missing on one side counts as empty: Marten creates a document's table on its
    /// first use, so a refused request that only read may bring an empty table into being, which is not a write.
    /// </summary>
    public static bool Same(Dictionary<string, long> a, Dictionary<string, long> b) =>
        a.Keys.Union(b.Keys).All(table => a.GetValueOrDefault(table) == b.GetValueOrDefault(table));

    public static string Diff(Dictionary<string, long> before, Dictionary<string, long> after) =>
        string.Join(", ", after.Where(p => before.GetValueOrDefault(p.Key) != p.Value).Select(p => $"{p.Key} {before.GetValueOrDefault(p.Key)}→{p.Value}"));
}
