using System.Diagnostics;
using System.Text.Json;
using Platform.Contracts.Keys;
using Wolverine.Marten;

namespace Platform.Audit.Log;

public static class RecordKeyIssuedHandler
{
    public const string Source = "keys-api";

    public static IMartenOp Handle(KeyIssued e, TimeProvider clock) =>
        MartenOps.Store(Record(e, clock.GetUtcNow(), Activity.Current?.TraceId.ToString()));

    public static AuditEntry Record(KeyIssued e, DateTimeOffset now, string? traceId) => new(
        e.EventId, e.KeyId, "api-key", e.AccountId, nameof(KeyIssued), e.Actor, Source,
        e.OccurredAt, now, traceId, JsonSerializer.SerializeToElement(e, JsonSerializerOptions.Web));
}
