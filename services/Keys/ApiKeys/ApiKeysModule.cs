using JasperFx.Events.Projections;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Keys;
using Wolverine;
using Wolverine.Postgresql;

namespace Platform.Keys.ApiKeys;

public static class ApiKeysModule
{
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PastKeys>();
        builder.Services.Configure<RotationPolicyOptions>(builder.Configuration.GetSection("Keys:RotationPolicy"));
        builder.Services.ConfigureMarten(options =>
        {
            // Inline: a caller reads its own write (GET right after POST) from the snapshot.
            options.Projections.Snapshot<ApiKey>(SnapshotLifecycle.Inline)
                .Index(k => k.SecretHash, index => index.IsUnique = true);
        });
        builder.Services.ConfigureWolverine(options =>
        {
            options.Publish(rule => rule.MessagesImplementing<IKeyEvent>().ToPostgresqlQueue(Queues.Audit));
            // Credentials derived from a key (exchanged tokens, agent credentials) follow its authority.
            options.Publish(rule => rule.MessagesImplementing<IKeyAuthorityChanged>().ToPostgresqlQueue(Queues.Tokens));
            options.Publish(rule => rule.MessagesImplementing<IKeyAuthorityChanged>().ToPostgresqlQueue(Queues.Agents));
        });
        return builder;
    }
}
