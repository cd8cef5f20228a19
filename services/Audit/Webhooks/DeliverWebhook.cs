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
    public const string StoppedReason = "webhook disabled: delivery stopped";

    public static async Task Handle(DeliverWebhook message, Envelope envelope, IDocumentSession session, IDocumentStore store,
        WebhookSender sender, WebhookSecrets secrets, IOptionsMonitor<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        // Judged at every attempt, not only when queued: a retry of a webhook deleted or disabled since does not go out.
        if (await session.LoadAsync<Webhook>(message.WebhookId, ct) is not { } webhook) return;
        var now = clock.GetUtcNow();
        var attempt = Math.Max(1, envelope.Attempts);
        var content = new DeliveryContent(message.DeliveryId, webhook.Id, webhook.AccountId, message.EventType, message.Body);
        session.Store(content);
        if (webhook.DisabledAt is not null)
        {
            session.Store(Attempt(message, webhook, attempt, now, new SendResult(false, null, StoppedReason), WebhookAttempt.Stopped));
            return;
        }

        var signing = webhook.SigningSecretsAt(now).Select(secrets.Unprotect).ToList();
        var result = await sender.SendAsync(new Uri(webhook.Url), signing, message.DeliveryId, message.EventType, message.Body, now, ct);
        if (result.Delivered)
        {
            session.Store(Attempt(message, webhook, attempt, now, result, WebhookAttempt.Delivered));
            return;
        }

        var outcome = attempt >= options.CurrentValue.MaxAttempts ? WebhookAttempt.DeadLettered : WebhookAttempt.Failed;
        // Its own session: the failure thrown below rolls this handler's transaction back, and the attempt must stay recorded.
        await using (var record = store.LightweightSession())
        {
            record.Store(content);
            record.Store(Attempt(message, webhook, attempt, now, result, outcome));
            await record.SaveChangesAsync(ct);
        }
        throw new WebhookDeliveryFailedException(result.Error ?? "delivery failed");
    }

    private static WebhookAttempt Attempt(DeliverWebhook m, Webhook w, int attempt, DateTimeOffset at, SendResult result, string outcome) =>
        new(Guid.CreateVersion7(), w.Id, w.AccountId, m.DeliveryId, m.EventType, attempt, at, result.StatusCode, outcome, result.Error);
}
