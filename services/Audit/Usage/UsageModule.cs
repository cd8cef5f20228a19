using Marten;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Contracts.Keys;
using Wolverine;
using Wolverine.Postgresql;

namespace Platform.Audit.Usage;

public static class UsageModule
{
    public static IHostApplicationBuilder AddUsageWatch(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AnomalyOptions>(builder.Configuration.GetSection(AnomalyOptions.Section));
        builder.Services.ConfigureMarten(options =>
        {
            options.Schema.For<KeyUsageMinuteReport>().Index(r => r.KeyId).Index(r => r.Minute);
            // Two replicas learning ranges of one key at once: the loser retries instead of dropping a range.
            options.Schema.For<KeyUsageProfile>().UseOptimisticConcurrency(true);
        });
        builder.Services.ConfigureWolverine(options =>
        {
            // Through Audit's own queue, so an anomaly is recorded in the key's chain like any audited event.
            options.PublishMessage<UnusualUsageDetected>().ToPostgresqlQueue(Queues.Audit);
            options.PublishMessage<QuarantineKey>().ToPostgresqlQueue(Queues.Keys);
        });
        return builder;
    }
}
