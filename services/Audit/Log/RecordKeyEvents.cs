using System.Diagnostics;
using System.Text.Json;
using Platform.Contracts.Keys;
using Wolverine.Marten;

namespace Platform.Audit.Log;

/// <summary>Records each key lifecycle event in that key's history, once per event id.</summary>
public static class RecordKeyEventsHandler
{
    public const string Source = "keys-api";
    public const string SubjectType = "api-key";

    public static IMartenOp Handle(KeyIssued e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeyRenamed e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeyScopesChanged e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeyRevoked e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeySuspended e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeyReinstated e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeyRotated e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeyExpired e, TimeProvider clock) => Store(e, clock);
    public static IMartenOp Handle(KeyRotationDue e, TimeProvider clock) => Store(e, clock);

    // Note: the trace id is the one Wolverine restored from the message, i.e. the causing request's.
    private static IMartenOp Store(IKeyEvent e, TimeProvider clock) =>
        MartenOps.Store(Record(e, clock.GetUtcNow(), Activity.Current?.TraceId.ToString()));

    public static AuditEntry Record(IKeyEvent e, DateTimeOffset now, string? traceId) => new(
        e.EventId, e.KeyId, SubjectType, e.AccountId, e.GetType().Name, e.Actor, Source,
        e.OccurredAt, now, traceId, JsonSerializer.SerializeToElement(e, e.GetType(), JsonSerializerOptions.Web));
}
