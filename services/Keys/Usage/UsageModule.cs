using Marten;
using Platform.Contracts;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Changes;
using Wolverine;
using Wolverine.Postgresql;

namespace Platform.Keys.Usage;

public static class UsageModule
{
    public static IHostApplicationBuilder AddKeyUsage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UsageRecorder>();
        builder.Services.AddUsageFeed(UsageFlusher.Channel);
        builder.Services.AddHostedService<UsageFlusher>();
        builder.Services.ConfigureMarten(options => options.Schema.For<KeyUsageMinute>()
            .Index(m => m.KeyId).Index(m => m.AccountId).Index(m => m.Minute));
        builder.Services.ConfigureWolverine(options => options.PublishMessage<KeyUsageReported>().ToPostgresqlQueue(Queues.Audit));
        return builder;
    }
}
