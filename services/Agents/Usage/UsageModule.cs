using Marten;
using Platform.Infrastructure.Changes;

namespace Platform.Agents.Usage;

public static class UsageModule
{
    public static IHostApplicationBuilder AddVerifyUsage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VerifyUsageRecorder>();
        builder.Services.AddUsageFeed(VerifyUsageFlusher.Channel);
        builder.Services.AddHostedService<VerifyUsageFlusher>();
        builder.Services.ConfigureMarten(options => options.Schema.For<CredentialUsageMinute>()
            .Index(m => m.CredentialId).Index(m => m.AccountId).Index(m => m.Minute));
        return builder;
    }
}
