using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Platform.Audit.Webhooks;

/// <summary>Deliver one signed body to one webhook; retried with backoff by Wolverine's error policy, then dead-lettered.</summary>
public sealed record DeliverWebhook(Guid DeliveryId, Guid WebhookId, string EventType, string Body);

/// <summary>Thrown for a failed attempt so that Wolverine's retry policy, not this code, decides what happens next.</summary>
public sealed class WebhookDeliveryFailedException(string reason) : Exception(reason);

public static class DeliverWebhookHandler
{
    public static async Task Handle(DeliverWebhook message, Envelope envelope, IDocumentSession session, IDocumentStore store,
        WebhookSender sender, WebhookSecrets secrets, IOptionsMonitor<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Webhook>(message.WebhookId, ct) is not { } webhook) return; // removed since
        var now = clock.GetUtcNow();
        var result = await sender.SendAsync(new Uri(webhook.Url), secrets.Unprotect(webhook.ProtectedSecret), message.DeliveryId, message.EventType, message.Body, now, ct);
        var attempt = Math.Max(1, envelope.Attempts);
        if (result.Delivered)
        {
            session.Store(Attempt(message, webhook, attempt, now, result, WebhookAttempt.Delivered));
            return;
        }

        var outcome = attempt >= options.CurrentValue.MaxAttempts ? WebhookAttempt.DeadLettered : WebhookAttempt.Failed;
        // Its own session: the failure thrown below rolls this handler's transaction back, and the attempt must stay recorded.
        await using (var record = store.LightweightSession())
        {
            record.Store(Attempt(message, webhook, attempt, now, result, outcome));
            await record.SaveChangesAsync(ct);
        }
        throw new WebhookDeliveryFailedException(result.Error ?? "delivery failed");
    }

    private static WebhookAttempt Attempt(DeliverWebhook m, Webhook w, int attempt, DateTimeOffset at, SendResult result, string outcome) =>
        new(Guid.CreateVersion7(), w.Id, w.AccountId, m.DeliveryId, m.EventType, attempt, at, result.StatusCode, outcome, result.Error);
}
