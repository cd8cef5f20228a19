using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.Testing;

/// <summary>A PostgreSQL NOTIFY sent by hand, as if another service had committed it.</summary>
public static class Notifications
{
    public static async Task NotifyAsync(this IAlbaHost host, string channel, string payload, CancellationToken ct = default)
    {
        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using var notify = new NpgsqlCommand("select pg_notify(@channel, @payload)", connection);
        notify.Parameters.AddWithValue("channel", channel);
        notify.Parameters.AddWithValue("payload", payload);
        await notify.ExecuteNonQueryAsync(ct);
    }
}
