using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Contracts;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

public sealed record WebhookTestQueued(Guid DeliveryId);

public static class TestWebhookEndpoint
{
    /// <summary>Queues a sample event for the webhook (signed, retried and recorded like any delivery).</summary>
    [Refuses(StatusCodes.Status400BadRequest, WebhookLookup.Malformed)]
    [Refuses(StatusCodes.Status404NotFound, WebhookLookup.Missing)]
    [Refuses(StatusCodes.Status409Conflict, WebhookLookup.Disabled)]
    [WolverinePost("/api/webhooks/{id}/test")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static async Task<(Results<Accepted<WebhookTestQueued>, Refused>, OutgoingMessages)> Post(string id, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return (WebhookLookup.NotFound(id), []);
        if (webhook.DisabledAt is not null) return (WebhookLookup.IsDisabled(webhook), []);
        var now = clock.GetUtcNow();
        var delivery = Guid.CreateVersion7();
        var sample = new WebhookEntry(Guid.CreateVersion7(), AuditSubjects.Key, Guid.Empty, webhook.AccountId, AuditCaller.From(user).Actor, "audit-api",
            now, null, 0, "", JsonSerializer.SerializeToElement(new { message = "This is a test delivery." }), 0);
        var body = WebhookFanout.Body(new WebhookPayload(delivery, WebhookEvents.Test, now, sample));
        return (TypedResults.Accepted($"/api/webhooks/{webhook.Id}/deliveries", new WebhookTestQueued(delivery)),
            [new DeliverWebhook(delivery, webhook.Id, WebhookEvents.Test, body)]);
    }
}
