using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

public static class DeleteWebhookEndpoint
{
    /// <summary>
    /// The webhook goes, and with it its delivery attempts and kept contents (they are operational records, not the
    /// audit log, and nothing could read them once the webhook is gone). Queued deliveries and retries end at their next
    /// attempt, which finds no webhook.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, WebhookLookup.Malformed)]
    [Refuses(StatusCodes.Status404NotFound, WebhookLookup.Missing)]
    [WolverineDelete("/api/webhooks/{id}")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static async Task<Results<NoContent, Refused>> Delete(string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return WebhookLookup.NotFound(id);
        session.Delete(webhook);
        session.DeleteWhere<WebhookAttempt>(a => a.WebhookId == webhook.Id);
        session.DeleteWhere<DeliveryContent>(c => c.WebhookId == webhook.Id);
        return TypedResults.NoContent();
    }
}
