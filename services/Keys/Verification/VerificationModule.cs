using Marten;

namespace Platform.Keys.Verification;

public static class VerificationModule
{
    public static IHostApplicationBuilder AddKeyVerification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeyIndex>();
        builder.Services.AddSingleton<KeyRateLimiter>();
        builder.Services.AddHostedService<KeyIndexSync>();
        builder.Services.AddHealthChecks().AddCheck<KeyIndexHealthCheck>("key-index", tags: ["ready"]);
        builder.Services.ConfigureMarten(options => options.Listeners.Add(new KeyChangeNotifier()));
        builder.Services.AddSingleton<Platform.ServiceDefaults.Feeds.ChangeFeed>();
        return builder;
    }
}
