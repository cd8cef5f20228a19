using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Infrastructure.Changes;

public static class FeedRegistration
{
    /// <summary>A <see cref="ChangeFeed"/> fed from one NOTIFY channel by this replica's own LISTEN connection.</summary>
    public static IServiceCollection AddChangeFeed(this IServiceCollection services, string channel,
        Func<IServiceProvider, IReadOnlyCollection<string>, CancellationToken, Task<IEnumerable<FeedEvent>>> translate)
    {
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton(sp => new ChangeFeedRelay(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ChangeFeed>(), channel,
            (payloads, ct) => translate(sp, payloads, ct), sp.GetRequiredService<ILogger<ChangeFeedRelay>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedRelay>());
        return services;
    }
}
