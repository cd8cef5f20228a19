using Alba;
using Npgsql;

namespace Platform.Testing;

/// <summary>Checks every service's shared surface: health, OpenAPI, and its own schema in the database.</summary>
public static class ServiceSurface
{
    public static async Task<string> GetTextAsync(this IAlbaHost host, string path)
    {
        var result = await host.Scenario(s => s.Get.Url(path));
        return await result.ReadAsTextAsync();
    }

    /// <summary>Tables of one schema, as the running service created them.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = $1 order by 1", connection)
        { Parameters = { new() { Value = schema } } };
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
