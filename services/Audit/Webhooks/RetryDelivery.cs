using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

public sealed record DeliveryRetryQueued(Guid DeliveryId);

public static class RetryDeliveryEndpoint
{
    /// <summary>
    /// Sends the delivery's body again now, exactly as first sent and under the same delivery id (a receiver
    /// deduplicates on it), as a new series of attempts retried like any delivery.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a webhook id, or deliveryId not a delivery id")]
    [Refuses(StatusCodes.Status404NotFound, "no such webhook in the caller's account, or no such delivery of it")]
    [Refuses(StatusCodes.Status409Conflict, WebhookLookup.Disabled)]
    [WolverinePost("/api/webhooks/{id}/deliveries/{deliveryId}/retry")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static async Task<(Results<Accepted<DeliveryRetryQueued>, Refused>, OutgoingMessages)> Post(string id, string deliveryId, ClaimsPrincipal user,
        IQuerySession session, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return (WebhookLookup.NotFound(id), []);
        if (!Guid.TryParse(deliveryId, out var delivery)) return (ApiError.BadRequest("deliveryId must be a delivery id"), []);
        if (await session.LoadAsync<DeliveryContent>(delivery, ct) is not { } content || content.WebhookId != webhook.Id)
            return (ApiError.NotFound($"no delivery {delivery} of webhook {webhook.Id}"), []);
        if (webhook.DisabledAt is not null) return (WebhookLookup.IsDisabled(webhook), []);
        return (TypedResults.Accepted($"/api/webhooks/{webhook.Id}/deliveries", new DeliveryRetryQueued(delivery)),
            [new DeliverWebhook(delivery, webhook.Id, content.EventType, content.Body)]);
    }
}
