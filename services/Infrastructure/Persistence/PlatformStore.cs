using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Wolverine.Postgresql;

namespace Platform.Infrastructure.Persistence;

/// <summary>
/// The one Marten + Wolverine convention every service uses: one database, a schema per service
/// (documents, events and Wolverine's inbox/outbox), one shared transport schema, durable messaging.
/// </summary>
public static class PlatformStore
{
    public static IHostApplicationBuilder AddPlatformStore(
        this IHostApplicationBuilder builder,
        string schema,
        string inboxQueue,
        Action<StoreOptions>? marten = null,
        Action<WolverineOptions>? wolverine = null)
    {
        builder.AddPlatformDataSource();
        var messaging = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new();

        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = schema;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                // Marten emits no spans unless asked: one per connection use, with its commands as events.
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                marten?.Invoke(options);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // Note: Marten's database is Wolverine's message store, so the outbox commits with the events.
            .IntegrateWithWolverine(integration =>
            {
                integration.MessageStorageSchemaName = schema;
                integration.TransportSchemaName = messaging.TransportSchema;
                integration.AutoCreate = AutoCreate.CreateOrUpdate;
            });

        builder.UseWolverine(options =>
        {
            options.ServiceName = builder.Environment.ApplicationName;
            // Wolverine would otherwise take this library as the application and find no handlers.
            options.ApplicationAssembly = Assembly.Load(new AssemblyName(builder.Environment.ApplicationName));
            options.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            // Handlers and endpoints are compiled with the service (Internal/Generated, written by `codegen write`),
            // not by Roslyn at start: on 2 cores six services compiling at once delayed first answers past 10 s.
            // Static fails a service (and its tests) whose generated code is missing, instead of compiling it quietly.
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            // A trace per node heartbeat (every few seconds, per instance) is noise next to real requests.
            options.Durability.NodeAssignmentHealthCheckTracingEnabled = false;
            options.Durability.KeepAfterMessageHandling = messaging.HandledRetention;
            options.Durability.HandledMessageCleanupPollingTime = messaging.HandledRetention;
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.Policies.UseDurableInboxOnAllListeners();
            options.Policies.UseDurableOutboxOnAllSendingEndpoints();
            var listener = options.ListenToPostgresqlQueue(inboxQueue)
                .PollingInterval(messaging.PollingInterval)
                .MaximumMessagesToReceive(messaging.BatchSize);
            if (messaging.ListenerParallelism is { } parallel) listener.MaximumParallelMessages(parallel);
            wolverine?.Invoke(options);
        });
        builder.Services.AddWolverineHttp();
        return builder;
    }
}
