using System.Text.Json;
using Platform.Audit.Log;

namespace Platform.Audit.Webhooks;

/// <summary>What a receiver gets: the delivery id, the event type, and the audit entry with the event itself.</summary>
public sealed record WebhookPayload(Guid Id, string Type, DateTimeOffset CreatedAt, WebhookEntry Data);

public sealed record WebhookEntry(
    Guid EventId, string SubjectType, Guid SubjectId, Guid AccountId, string Actor, string Source,
    DateTimeOffset OccurredAt, string? TraceId, long Position, string Hash, JsonElement Event, long SourceVersion);

public static class WebhookFanout
{
    /// <summary>One delivery per webhook of the entry's account that wants its type (pure).</summary>
    public static IEnumerable<DeliverWebhook> For(AuditRecorded e, IEnumerable<Webhook> webhooks, DateTimeOffset now) =>
        webhooks.Where(w => w.AccountId == e.AccountId && w.Wants(e.EventType)).Select(w =>
        {
            var delivery = Guid.CreateVersion7();
            var entry = new WebhookEntry(e.EventId, e.SubjectType, e.SubjectId, e.AccountId, e.Actor, e.Source, e.OccurredAt, e.TraceId,
                e.Position, e.Hash, JsonDocument.Parse(e.Data).RootElement.Clone(), e.SourceVersion);
            return new DeliverWebhook(delivery, w.Id, e.EventType, Body(new WebhookPayload(delivery, e.EventType, now, entry)));
        });

    public static string Body(WebhookPayload payload) => JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);
}
