using Hosting.Tests.App;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
AppHostWatch.StopWhenGone(app);

// UNHEALTHY=1 plays a service that never gets healthy.
app.MapGet("/health", (IConfiguration config) => config["UNHEALTHY"] == "1" ? Results.StatusCode(503) : Results.Text("Healthy"));
app.MapGet("/env/{name}", (string name) => Environment.GetEnvironmentVariable(name) is { } value ? Results.Text(value) : Results.NotFound());
app.MapGet("/db", async (IConfiguration config) =>
{
    await using var connection = new NpgsqlConnection(config.GetConnectionString("platform"));
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("select current_database()", connection);
    return Results.Text((string?)await command.ExecuteScalarAsync());
});
app.Run();
