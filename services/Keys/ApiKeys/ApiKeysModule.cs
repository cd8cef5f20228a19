using JasperFx.Events.Projections;
using Marten;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Http;
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
        builder.Services.AddHostedService<RotationDueSweep>();
        builder.Services.ConfigureMarten(options =>
        {
            // Inline: a caller reads its own write (GET right after POST) from the snapshot.
            options.Projections.Snapshot<ApiKey>(SnapshotLifecycle.Inline)
                .Index(k => k.SecretHash, index => index.IsUnique = true)
                .Index(k => k.CreatedAt);
            // The rotation-due sweep's progress: replicas sweeping at once race on it, and the loser stops.
            options.Schema.For<RotationSweepMark>().Identity(m => m.Id).UseOptimisticConcurrency(true);
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

    private static readonly (string Method, string Verb)[] Commands =
        [("POST", "rename"), ("POST", "revoke"), ("POST", "suspend"), ("POST", "reinstate"), ("POST", "rotate"), ("PUT", "scopes")];

    /// <summary>A key command's id that is not a key id: 400, or 404 for the empty Guid, after the same authorization.</summary>
    public static IEndpointRouteBuilder MapKeyCommandIds(this IEndpointRouteBuilder app)
    {
        foreach (var (method, verb) in Commands)
            app.MapOtherIds(method, $"/api/keys/{{id}}/{verb}", "key").RequireAuthorization(Access.ManagementPolicy.Name);
        return app;
    }
}
