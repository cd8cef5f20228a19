using System.Diagnostics.CodeAnalysis;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Platform.Contracts;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Platform.Audit.Log;

public static class AuditLogModule
{
    public static IHostApplicationBuilder AddAuditLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Replay.RecordedHistory>();
        builder.Services.AddSingleton<AuditRecorder>();
        builder.Services.ConfigureMarten(options =>
        {
            // Rich appends give inline projections the global sequence, the read model's paging cursor.
            options.Events.AppendMode = EventAppendMode.Rich;
            options.Projections.Snapshot<AuditTrail>(SnapshotLifecycle.Inline);
            options.Projections.Add<AuditEntryProjection>(ProjectionLifecycle.Inline);
            // RelatedId: an as-of finds a key's predecessor by it; without the index that read scanned every
            // entry of the account (30–45 ms for a one-event key in an account with some thousands of entries).
            options.Schema.For<AuditEntry>()
                .Index(e => e.SubjectId).Index(e => e.AccountId).Index(e => e.Sequence).Index(e => e.OccurredAt).Index(e => e.RelatedId);
        });
        builder.Services.ConfigureWolverine(options =>
        {
            // A queue message is resolved by its type name, which only registered types have; an in-process
            // invoke of a concrete type is forwarded to the interface handler by the rule.
            foreach (var contract in AuditedContracts()) options.RegisterMessageType(contract);
            options.Policies.ForwardHandledTypes(new AuditedEventsRule());
            // Writers of a subject take turns (the trail fetched for exclusive writing), so a version race is left to two first
            // writers of a subject (no row to lock yet): the loser retries against the new head. A copy of an event recorded
            // meanwhile (looked for before the lock) fails its entry's insert at the commit, and its retry finds it recorded.
            // A deadlock victim or a lock given up on likewise. Note: all are transient by nature, so they are retried for as
            // long as it takes and never dead-lettered: an audited event must not be lost.
            options.OnException<ConcurrencyException>().Or<Marten.Exceptions.ExistingStreamIdCollisionException>().Or<DocumentAlreadyExistsException>()
                .Or<Marten.Exceptions.StreamLockedException>()
                .Or<PostgresException>(IsDeadlock).OrInner<PostgresException>(IsDeadlock)
                .RetryWithCooldown([.. new[] { 10, 25, 50, 100, 250 }.Select(ms => TimeSpan.FromMilliseconds(ms))])
                .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        });
        return builder;
    }

    private static bool IsDeadlock(PostgresException e) => e.SqlState == PostgresErrorCodes.DeadlockDetected;

    /// <summary>Every concrete audited event the contracts define, so queue messages of each resolve to the one handler.</summary>
    public static IEnumerable<Type> AuditedContracts() => typeof(IAuditedEvent).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IAuditedEvent)));

    private sealed class AuditedEventsRule : IHandledTypeRule
    {
        public bool TryFindHandledType(Type concreteType, [NotNullWhen(true)] out Type? handlerType)
        {
            handlerType = concreteType.IsAssignableTo(typeof(IAuditedEvent)) ? typeof(IAuditedEvent) : null;
            return handlerType is not null;
        }
    }
}
