using Marten;
using Platform.Keys.ApiKeys;
using Platform.Infrastructure.Changes;

namespace Platform.Keys.Verification;

public static class VerificationModule
{
    public static IHostApplicationBuilder AddKeyVerification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeyIndex>();
        builder.Services.AddSingleton<IndexFallback<ApiKey>>();
        builder.Services.AddSingleton<KeyLookup>();
        builder.Services.AddSingleton<KeyRateLimiter>();
        builder.Services.AddHostedService<RateLimitSync>();
        builder.Services.AddHostedService<KeyIndexSync>();
        builder.Services.AddHealthChecks().AddCheck<KeyIndexHealthCheck>("key-index", tags: ["ready"]);
        builder.Services.ConfigureMarten((services, options) =>
        {
            // One row per (key, window, replica); past windows are swept by RateLimitSync.
            options.Schema.For<RateLimiterUsage>().Index(u => u.KeyId).Index(u => u.WrittenAt);
            // One row per live replica, its heartbeat: what a key's unsettled window assumes serve it.
            options.Schema.For<RateLimiterReplica>();
            options.Listeners.Add(new KeyChangeNotifier());
            options.Listeners.Add(new AppliedOnCommit(services.GetRequiredService<KeyIndex>()));
        });
        builder.Services.AddSingleton<Platform.Infrastructure.Changes.ChangeFeed>();
        return builder;
    }
}
